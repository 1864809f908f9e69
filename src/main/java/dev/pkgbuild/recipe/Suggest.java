package dev.pkgbuild.recipe;

import java.util.Collection;

/** "Did you mean" hints for misspelt keys and names, by edit distance. */
public final class Suggest {
  private Suggest() {}

  /**
   * {@code " (did you mean 'x'?)"} for the nearest candidate, or "" when none is close.
   *
   * @param word the misspelt word
   * @param candidates the valid words
   * @return the hint, starting with a space, or ""
   */
  public static String didYouMean(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance || d == bestDistance && c.compareTo(best) < 0) {
        best = c;
        bestDistance = d;
      }
    }
    int limit = Math.max(1, Math.min(3, word.length() / 3));
    if (best != null && bestDistance <= limit) {
      return " (did you mean '" + best + "'?)";
    }
    for (String c : new java.util.TreeSet<>(candidates)) {
      if (word.length() >= 4 && c.startsWith(word)) {
        return " (did you mean '" + c + "'?)";
      }
    }
    return "";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
