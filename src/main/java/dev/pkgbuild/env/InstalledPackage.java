package dev.pkgbuild.env;

import dev.pkgbuild.apk.PkgInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One package's part of the installed database while a root is being made: its directories in
 * archive order, each with the files it holds, and the scripts and flags apk keeps. A later
 * package that takes over a file removes it here, so only the final owner lists it.
 */
final class InstalledPackage {
  /** The script names apk stores, in the order it writes them to {@code scripts.tar}. */
  static final String[] SCRIPT_ORDER = {"pre-install", "post-install", "pre-deinstall", "post-deinstall",
      "pre-upgrade", "post-upgrade", "trigger"};

  final VerifiedPackage pkg;
  final PkgInfo info;
  final Map<String, byte[]> scripts;
  final Map<String, Dir> dirs = new LinkedHashMap<>();
  boolean brokenXattrs;

  /** A directory of this package and the files it owns there. */
  static final class Dir {
    Acl acl = Acl.DEFAULT_DIR;
    final Map<String, FileRecord> files = new LinkedHashMap<>();
  }

  /** A file, symlink or hard link; checksum is {@code Q1...} or null. */
  record FileRecord(Acl acl, String checksum) {}

  InstalledPackage(VerifiedPackage pkg, PkgInfo info, Map<String, byte[]> scripts) {
    this.pkg = pkg;
    this.info = info;
    this.scripts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scripts)); // apk's order
  }

  Dir dir(String name) {
    return dirs.computeIfAbsent(name, n -> new Dir());
  }

  String label() {
    return pkg.label();
  }
}
