package dev.pkgbuild.env;

import java.util.ArrayList;
import java.util.List;

/** The outcome of a resolution: the chosen packages in apk's install order. */
public record Resolution(List<ResolvedPackage> packages) {
  private static final long MIB = 1024 * 1024;

  public Resolution {
    packages = List.copyOf(packages);
  }

  /**
   * The transaction in apk's words, one line each: {@code (1/2) Installing bar (1.0-r0)} for
   * every package, then {@code OK: 0 MiB in 2 packages} (the sum of the installed sizes).
   */
  public List<String> transactionLines() {
    List<String> lines = new ArrayList<>(packages.size() + 1);
    int n = packages.size();
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      ResolvedPackage p = packages.get(i);
      lines.add("(" + (i + 1) + "/" + n + ") Installing " + p.displayName() + " (" + p.entry().version() + ")");
      bytes += p.entry().installedSize();
    }
    lines.add("OK: " + bytes / MIB + " MiB in " + n + " packages");
    return lines;
  }
}
