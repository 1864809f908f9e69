package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * Where a scalar's source text starts, and its style. A place in the value is found by walking
 * value and source side by side: the source only adds quotes, escapes, indentation and line
 * breaks (folded into spaces), so each value char is the next source char that can be it.
 */
public final class ScalarSpan {
  private final Document doc;
  private final int line;
  private final int column;
  private final ScalarStyle style;

  ScalarSpan(Document doc, int line, int column, ScalarStyle style) {
    this.doc = doc;
    this.line = line;
    this.column = column;
    this.style = style;
  }

  SourcePos at(String value, int offset, SourcePos fallback) {
    String src = doc.text();
    int p = contentStart(src, doc.index(line, column));
    if (p < 0) {
      return fallback;
    }
    int end = Math.min(offset, value.length());
    for (int j = 0; j < end && p < src.length(); j++) {
      int q = match(src, p, value.charAt(j));
      if (q >= 0) {
        // In double quotes an escape such as \t or \x41 stands for one value char.
        p = escaped(src, q) ? escapeEnd(src, q) : q + 1;
      }
    }
    int q = offset < value.length() ? match(src, p, value.charAt(offset)) : -1;
    return doc.pos(Math.min(q >= 0 ? q : p, src.length()));
  }

  /** Block scalars start after their header line; quoted ones after the quote. */
  private int contentStart(String src, int start) {
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      int nl = src.indexOf('\n', start);
      return nl < 0 ? -1 : nl + 1;
    }
    if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) {
      return start + 1;
    }
    return start;
  }

  /** The index of the source char at or after {@code p} that is {@code c}, skipping only what the source adds. */
  private int match(String src, int p, char c) {
    boolean space = c == ' ' || c == '\n' || c == '\t';
    for (int i = p; i < src.length(); i++) {
      char s = src.charAt(i);
      if (s == c || escaped(src, i) || space && (s == '\n' || s == ' ')) {
        return i;
      }
      if (!(s == ' ' || s == '\t' || s == '\n' || s == '\r' || s == '"' || s == '\'')) {
        return -1;
      }
    }
    return -1;
  }

  private boolean escaped(String src, int i) {
    return style == ScalarStyle.DOUBLE_QUOTED && src.charAt(i) == '\\';
  }

  private static int escapeEnd(String src, int p) {
    char k = p + 1 < src.length() ? src.charAt(p + 1) : ' ';
    int len = switch (k) {
      case 'x' -> 4;
      case 'u' -> 6;
      case 'U' -> 10;
      default -> 2;
    };
    return Math.min(src.length(), p + len);
  }
}
