package dev.pkgbuild.apk;

import dev.pkgbuild.archive.TarEntry;
import java.util.List;

/** Checks a read {@code .PKGINFO} against the traps apk-tools does not report. */
final class PkgInfoChecks {
  private PkgInfoChecks() {}

  static void check(PkgInfo info, String actualDatahash, List<TarEntry> entries, List<String> problems) {
    if (info.pkgname() == null) {
      problems.add(".PKGINFO has no pkgname (apk index fails)");
    }
    if (info.pkgver() == null) {
      problems.add(".PKGINFO has no pkgver (apk index crashes)");
    } else {
      String why = ApkVersion.invalidReason(info.pkgver());
      if (why != null) {
        problems.add("invalid pkgver '" + info.pkgver() + "': " + why);
      }
    }
    if (info.size() == 0 && !entries.isEmpty()) {
      problems.add(".PKGINFO size is 0 but the package has files (apk extracts nothing)");
    }
    if (info.datahash() == null) {
      problems.add(".PKGINFO has no datahash (apk-tools 3 rejects the package)");
    } else if (!info.datahash().equalsIgnoreCase(actualDatahash)) {
      problems.add("datahash " + info.datahash() + " does not match the data member (" + actualDatahash + ")");
    }
  }
}
