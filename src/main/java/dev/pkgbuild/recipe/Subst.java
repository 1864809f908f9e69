package dev.pkgbuild.recipe;

import java.util.Map;

/**
 * The two ways melange expands {@code ${{name}}}: an exact-token pass that leaves unknown
 * names alone, and a strict pass that accepts whitespace inside the braces and rejects
 * unknown names.
 */
public final class Subst {
  private Subst() {}

  /** Thrown by the strict pass for a name the map lacks. */
  public static final class UnknownName extends Exception {
    private static final long serialVersionUID = 1L;
    private final String name;

    UnknownName(String name) {
      super("unknown substitution '${{" + name + "}}'", null, false, false);
      this.name = name;
    }

    /** The name that has no value. */
    public String name() {
      return name;
    }
  }

  /**
   * Replaces each exact {@code ${{key}}} (no whitespace) that {@code map} defines.
   *
   * @param s text, or null
   * @param map values by name (without braces)
   * @return the text with known tokens replaced, or null for null
   */
  public static String exact(String s, Map<String, String> map) {
    return replace(s, token -> {
      String value = map.get(token);
      return value == null ? "${{" + token + "}}" : value;
    });
  }

  /**
   * Replaces every {@code ${{ key }}}, failing on a name {@code map} lacks.
   *
   * @param s text, or null
   * @param map values by name (without braces)
   * @return the expanded text, or null for null
   * @throws UnknownName for the first undefined name
   */
  public static String strict(String s, Map<String, String> map) throws UnknownName {
    return replace(s, token -> {
      String value = map.get(token.strip());
      if (value == null) {
        throw new UnknownName(token.strip());
      }
      return value;
    });
  }

  /**
   * Where the first {@code ${{} that no {@code }}} follows starts, or -1 when every one is
   * closed; the substitution passes leave such text alone, so it would reach the shell.
   *
   * @param s text, or null
   * @return the index of the unclosed {@code ${{}, or -1
   */
  public static int unterminated(String s) {
    int i = 0;
    while (s != null) {
      int open = s.indexOf("${{", i);
      if (open < 0) {
        return -1;
      }
      int close = s.indexOf("}}", open + 3);
      if (close < 0) {
        return open;
      }
      i = close + 2;
    }
    return -1;
  }

  /** Resolves the text between {@code ${{} and {@code }}}. */
  @FunctionalInterface
  private interface Resolver<E extends Exception> {
    String resolve(String token) throws E;
  }

  /** Replaces each {@code ${{...}}} with what {@code resolver} gives for the text inside. */
  private static <E extends Exception> String replace(String s, Resolver<E> resolver) throws E {
    if (s == null || s.indexOf("${{") < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (true) {
      int open = s.indexOf("${{", i);
      int close = open < 0 ? -1 : s.indexOf("}}", open + 3);
      if (close < 0) {
        return out.append(s, i, s.length()).toString();
      }
      out.append(s, i, open).append(resolver.resolve(s.substring(open + 3, close)));
      i = close + 2;
    }
  }

  /**
   * Converts a Go regexp replacement ({@code $1}, {@code ${1}}, {@code ${name}}, {@code $$})
   * to java.util.regex syntax.
   *
   * A reference to a group the pattern lacks expands to nothing, as in Go.
   *
   * @param go the Go replacement
   * @param groups how many numbered groups the pattern has
   * @param names the pattern's named groups
   * @return the same replacement for {@link java.util.regex.Matcher#replaceAll(String)}
   */
  public static String goReplacement(String go, int groups, java.util.Set<String> names) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < go.length(); i++) {
      char c = go.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c != '$') {
        out.append(c);
      } else if (i + 1 < go.length() && go.charAt(i + 1) == '$') {
        out.append("\\$");
        i++;
      } else {
        i = groupRef(go, i + 1, out, groups, names) - 1;
      }
    }
    return out.toString();
  }

  /** Appends the group reference starting at {@code at}; returns the index after it. */
  private static int groupRef(String go, int at, StringBuilder out, int groups, java.util.Set<String> names) {
    boolean braced = at < go.length() && go.charAt(at) == '{';
    int start = braced ? at + 1 : at;
    int end = start;
    while (end < go.length() && (Character.isLetterOrDigit(go.charAt(end)) || go.charAt(end) == '_')) {
      end++;
    }
    if (end == start || braced && (end >= go.length() || go.charAt(end) != '}')) {
      // Go keeps a '$' that starts no valid reference as nothing; an empty name expands to "".
      return braced && end < go.length() ? end + 1 : end;
    }
    String name = go.substring(start, end);
    if (name.chars().allMatch(Character::isDigit)) {
      out.append(name.length() < 4 && Integer.parseInt(name) <= groups ? "$" + name : "");
    } else if (names.contains(name)) {
      out.append("${").append(name).append('}');
    }
    return braced ? end + 1 : end;
  }
}
