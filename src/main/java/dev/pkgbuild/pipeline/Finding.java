package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.SourcePos;

/**
 * One lint result, printed {@code file:line:col: severity: message}.
 *
 * @param pos where the problem is
 * @param error true for an error, false for a warning
 * @param message what is wrong, lower case
 */
public record Finding(SourcePos pos, boolean error, String message) {
  @Override
  public String toString() {
    return pos + ": " + (error ? "error" : "warning") + ": " + message;
  }
}
