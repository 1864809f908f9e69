package dev.pkgbuild.builder;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.source.FetchProgress;

/** Download progress as detail lines, one per 8 MiB, so logs stay short. */
final class FetchProgressLog {
  private FetchProgressLog() {}

  static FetchProgress to(Reporter reporter) {
    return (uri, received, total) -> {
      if (received % (8L << 20) < (1L << 20)) {
        String of = total > 0 ? " of " + (total >> 20) + " MiB" : "";
        reporter.detail("fetching " + uri + ": " + (received >> 20) + " MiB" + of);
      }
    };
  }
}
