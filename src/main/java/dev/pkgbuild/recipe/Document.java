package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;

/** A YAML file's text, kept so a place inside a scalar can be turned back into a line and column. */
final class Document {
  private final Path file;
  private final String text;
  private int[] lineStarts;

  Document(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  Path file() {
    return file;
  }

  String text() {
    return text;
  }

  /** The char index of 0-based {@code line} and code-point {@code column}, as snakeyaml marks count them. */
  int index(int line, int column) {
    int[] starts = lineStarts();
    int start = starts[Math.min(line, starts.length - 1)];
    try {
      return text.offsetByCodePoints(start, column);
    } catch (IndexOutOfBoundsException e) {
      return Math.min(text.length(), start + column);
    }
  }

  /** The 1-based position of char {@code index}. */
  SourcePos pos(int index) {
    int[] starts = lineStarts();
    int line = java.util.Arrays.binarySearch(starts, index);
    line = line >= 0 ? line : -line - 2;
    return new SourcePos(file, line + 1, text.codePointCount(starts[line], index) + 1);
  }

  private int[] lineStarts() {
    if (lineStarts == null) {
      int n = 1;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          n++;
        }
      }
      int[] starts = new int[n];
      for (int i = 0, l = 1; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts[l++] = i + 1;
        }
      }
      lineStarts = starts;
    }
    return lineStarts;
  }
}
