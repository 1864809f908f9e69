package dev.pkgbuild.diag;

import java.nio.file.Path;

/** A 1-based line and column in a file, rendered {@code file:line:col}. */
public record SourcePos(Path file, int line, int column) {
  /** A position for a whole file, when no node is known. */
  public static SourcePos of(Path file) {
    return new SourcePos(file, 0, 0);
  }

  @Override
  public String toString() {
    String name = file == null ? "<input>" : file.toString();
    return line <= 0 ? name : name + ":" + line + ":" + column;
  }
}
