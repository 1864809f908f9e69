package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scalar as written: its value, where it starts, and the way back from a place inside the
 * value to its own line and column in the file, for plain, quoted, literal and folded scalars.
 *
 * @param value the scalar's value, before substitution
 * @param pos where the scalar starts
 * @param span the scalar's source, or null when the value was not read from a file
 */
public record Text(String value, SourcePos pos, ScalarSpan span) {
  /** Checks the parts. */
  public Text {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pos, "pos");
  }

  /** A value with no source to look into: every place inside it is {@code pos}. */
  public static Text of(String value, SourcePos pos) {
    return new Text(value, pos, null);
  }

  /** The value of {@code t}, or null for null. */
  public static String value(Text t) {
    return t == null ? null : t.value;
  }

  /** The position of char {@code offset} of the value (the scalar's start when it cannot be told). */
  public SourcePos at(int offset) {
    return span == null ? pos : span.at(value, offset, pos);
  }

  /**
   * The position of the first {@code ${{name}}} in the value (with or without spaces inside the
   * braces), or the scalar's start when the value holds none (it came from a substitution).
   *
   * @param name the substitution name, without braces
   * @return where it is written
   */
  public SourcePos posOf(String name) {
    Matcher m = Pattern.compile("\\$\\{\\{\\s*" + Pattern.quote(name) + "\\s*}}").matcher(value);
    return m.find() ? at(m.start()) : pos;
  }

  @Override
  public String toString() {
    return value;
  }
}
