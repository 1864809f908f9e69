package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.List;

/**
 * An apk version string: strict validation of the form pkgbuild generates, and the
 * ordering apk-tools applies (see docs/apk.md and shared/docs/apk-format.md §8).
 *
 * @param text the version as written, for example {@code 1.2.3_rc1-r0}
 */
public record ApkVersion(String text) implements Comparable<ApkVersion> {
  private static final List<String> PRE = List.of("alpha", "beta", "pre", "rc");
  private static final List<String> POST = List.of("cvs", "svn", "git", "hg", "p");
  private static final int MAX_DIGITS = 17;

  /** Token kinds, ordered so that a later kind wins when the two strings diverge. */
  enum Kind { INVALID, END, REVISION, SUFFIX_NUMBER, SUFFIX, LETTER, NUMBER }

  /** One comparable piece; numbers after a dot starting with 0 carry (1 - zeros, value). */
  record Token(Kind kind, long primary, long secondary) {}

  /** Parses and validates {@code text}. @throws PkgbuildException when it is not a valid version */
  public static ApkVersion parse(String text) throws PkgbuildException {
    String reason = invalidReason(text);
    if (reason != null) {
      throw PkgbuildException.badInput("invalid version '" + text + "': " + reason);
    }
    return new ApkVersion(text);
  }

  /** Whether {@code text} follows the strict grammar. */
  public static boolean isValid(String text) {
    return invalidReason(text) == null;
  }

  /** Why {@code text} is not a valid version, or null when it is. */
  public static String invalidReason(String text) {
    Scan s = new Scan(text);
    s.run();
    return s.error;
  }

  /** Compares two version strings the way apk-tools does: negative, 0 or positive. */
  public static int compare(String a, String b) {
    return compare(tokens(a), tokens(b), false);
  }

  /**
   * Fuzzy comparison used by the {@code ~} operator: 0 when one version is a prefix of the
   * other token by token, otherwise the ordinary ordering.
   */
  public static int compareFuzzy(String a, String b) {
    return compare(tokens(a), tokens(b), true);
  }

  @Override
  public int compareTo(ApkVersion other) {
    return compare(text, other.text);
  }

  @Override
  public String toString() {
    return text;
  }

  static List<Token> tokens(String text) {
    Scan s = new Scan(text);
    s.run();
    return s.tokens;
  }

  private static int compare(List<Token> a, List<Token> b, boolean fuzzy) {
    int i = 0;
    while (true) {
      Token x = a.get(i);
      Token y = b.get(i);
      if (x.kind() != y.kind()) {
        if (fuzzy && (x.kind() == Kind.END || y.kind() == Kind.END)) {
          return 0;
        }
        return diverge(x, y);
      }
      if (x.kind() == Kind.END || x.kind() == Kind.INVALID) {
        return 0;
      }
      int c = x.primary() != y.primary() ? Long.compare(x.primary(), y.primary())
          : Long.compare(x.secondary(), y.secondary());
      if (c != 0) {
        return c;
      }
      i++;
    }
  }

  /** Different kinds: a pre-release suffix loses, otherwise the higher-ranked kind wins. */
  private static int diverge(Token x, Token y) {
    if (isPreRelease(x)) {
      return -1;
    }
    if (isPreRelease(y)) {
      return 1;
    }
    return Integer.compare(x.kind().ordinal(), y.kind().ordinal());
  }

  private static boolean isPreRelease(Token t) {
    return t.kind() == Kind.SUFFIX && t.primary() < 0;
  }

  /** A one-pass scanner: collects tokens and remembers the first rule the text breaks. */
  private static final class Scan {
    final String s;
    final List<Token> tokens = new ArrayList<>();
    String error;
    int pos;

    Scan(String s) {
      this.s = s;
    }

    void run() {
      if (s.isEmpty()) {
        fail("empty version");
        return;
      }
      if (!number(Kind.NUMBER, false, "a version must start with a number")) {
        return;
      }
      while (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        if (!number(Kind.NUMBER, true, "expected a number after '.'")) {
          return;
        }
      }
      if (pos < s.length() && isLetter(s.charAt(pos))) {
        tokens.add(new Token(Kind.LETTER, s.charAt(pos++), 0));
        if (pos < s.length() && (isLetter(s.charAt(pos)) || isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
          fail("only one letter may follow the numbers, and nothing but '_' or '-r' after it");
          return;
        }
      }
      while (pos < s.length() && s.charAt(pos) == '_') {
        if (!suffix()) {
          return;
        }
      }
      if (pos < s.length() && s.charAt(pos) == '-') {
        if (!s.startsWith("-r", pos)) {
          fail("'-' must start a revision '-rN'");
          return;
        }
        pos += 2;
        if (!number(Kind.REVISION, false, "expected a number after '-r'")) {
          return;
        }
      }
      if (pos < s.length()) {
        fail("unexpected '" + s.charAt(pos) + "' at position " + (pos + 1));
        return;
      }
      tokens.add(new Token(Kind.END, 0, 0));
    }

    private boolean suffix() {
      pos++;
      int start = pos;
      while (pos < s.length() && isLetter(s.charAt(pos))) {
        pos++;
      }
      String name = s.substring(start, pos);
      long rank;
      if (PRE.contains(name)) {
        rank = PRE.indexOf(name) - PRE.size();
      } else if (POST.contains(name)) {
        rank = POST.indexOf(name) + 1;
      } else {
        fail("unknown suffix '_" + name + "' (use alpha, beta, pre, rc, cvs, svn, git, hg or p)");
        return false;
      }
      tokens.add(new Token(Kind.SUFFIX, rank, 0));
      if (pos < s.length() && isDigit(s.charAt(pos))) {
        return number(Kind.SUFFIX_NUMBER, false, "");
      }
      return true;
    }

    private boolean number(Kind kind, boolean afterDot, String missing) {
      int start = pos;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
      String digits = s.substring(start, pos);
      if (digits.isEmpty()) {
        fail(missing);
        return false;
      }
      if (digits.length() > MAX_DIGITS) {
        fail("number '" + digits + "' has more than " + MAX_DIGITS + " digits");
        return false;
      }
      long value = Long.parseLong(digits);
      int zeros = 0;
      while (zeros < digits.length() && digits.charAt(zeros) == '0') {
        zeros++;
      }
      tokens.add(afterDot && zeros > 0 ? new Token(kind, 1 - zeros, value) : new Token(kind, value, 0));
      return true;
    }

    private void fail(String why) {
      error = why;
      tokens.add(new Token(Kind.INVALID, 0, 0));
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
      return c >= 'a' && c <= 'z';
    }
  }
}
