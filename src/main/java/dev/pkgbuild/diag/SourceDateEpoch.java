package dev.pkgbuild.diag;

import java.util.regex.Pattern;

/**
 * The time stamped on every file, index and SBOM, checked once where it is read (a flag, the
 * environment, a git commit) so that everything downstream carries a time it can write.
 *
 * @param seconds whole seconds since 1970-01-01 UTC, 0 to {@link #MAX}
 */
public record SourceDateEpoch(long seconds) {
  /** The largest time the 11 octal digits of a tar header hold (2242-03-16). */
  public static final long MAX = 077777777777L;
  /** 1970-01-01, the default when nothing names a time: fixed, so output stays reproducible. */
  public static final SourceDateEpoch ZERO = new SourceDateEpoch(0);

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  /** Checks the range; a value from outside comes through {@link #parse} or {@link #of} instead. */
  public SourceDateEpoch {
    if (seconds < 0 || seconds > MAX) {
      throw new IllegalArgumentException("source date epoch out of range: " + seconds);
    }
  }

  /**
   * Parses {@code text}, surrounding blanks allowed.
   *
   * @param source what the text came from, for the message: {@code SOURCE_DATE_EPOCH} or a flag
   * @throws PkgbuildException naming the source and the value when it is not a number of
   *     seconds, negative or out of range
   */
  public static SourceDateEpoch parse(String source, String text) throws PkgbuildException {
    String t = text.strip();
    if (!INTEGER.matcher(t).matches()) {
      throw PkgbuildException.badInput(source + " is not a whole number of seconds since 1970: '" + text + "'");
    }
    if (t.startsWith("-")) {
      throw PkgbuildException.badInput(source + " must not be negative: '" + text + "'");
    }
    String digits = t.replaceFirst("^0+(?=.)", "");
    if (digits.length() > Long.toString(MAX).length() || Long.parseLong(digits) > MAX) {
      throw outOfRange(source, text);
    }
    return new SourceDateEpoch(Long.parseLong(digits));
  }

  /** Checks {@code seconds} taken from {@code source}. @throws PkgbuildException when out of range */
  public static SourceDateEpoch of(String source, long seconds) throws PkgbuildException {
    if (seconds < 0) {
      throw PkgbuildException.badInput(source + " must not be negative: '" + seconds + "'");
    }
    if (seconds > MAX) {
      throw outOfRange(source, Long.toString(seconds));
    }
    return new SourceDateEpoch(seconds);
  }

  private static PkgbuildException outOfRange(String source, String text) {
    return PkgbuildException.badInput(source + " is out of range: '" + text + "' (at most " + MAX
        + ", the latest time a tar header holds)");
  }
}
