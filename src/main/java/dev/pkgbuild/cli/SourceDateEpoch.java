package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;

/** Resolves {@code SOURCE_DATE_EPOCH} once, at the edge, so the core never reads the environment. */
final class SourceDateEpoch {
  private SourceDateEpoch() {}

  /** The variable's value, or 0 when unset (a fixed time keeps output reproducible). */
  static long fromEnvironment() throws PkgbuildException {
    String v = System.getenv("SOURCE_DATE_EPOCH");
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw PkgbuildException.badInput("SOURCE_DATE_EPOCH is not a number of seconds: '" + v + "'");
    }
  }
}
