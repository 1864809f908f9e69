package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.SideBySide;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads many packages on all cores, records in list order. */
final class ParallelInspect {
  private ParallelInspect() {}

  /** Reads every file; one that does not verify is reported (in list order) and gives null. */
  static List<IndexEntry> all(List<Path> files, PackageInspector inspector, Reporter reporter) {
    List<IndexEntry> out = new ArrayList<>(files.size());
    for (SideBySide.Outcome<IndexEntry, PkgbuildException> o : SideBySide.each(files, inspector::inspect)) {
      try {
        out.add(o.get());
      } catch (PkgbuildException p) {
        reporter.warn("not indexed: " + p.getMessage());
        out.add(null);
      }
    }
    return out;
  }

  /**
   * Reads every file; the first one that does not verify fails the whole call.
   *
   * @throws PkgbuildException the first package's problem, in list order
   */
  static List<IndexEntry> strict(List<Path> files, PackageInspector inspector) throws PkgbuildException {
    return SideBySide.map(files, inspector::inspect);
  }
}
