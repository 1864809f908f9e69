package dev.pkgbuild.check;

import java.nio.file.Path;

/** One walked entry of a package tree: its relative path, kind and Unix mode bits. */
record Entry(Path file, String path, boolean dir, boolean symlink, boolean regular, int mode) {
  static final int SETUID = 04000;
  static final int SETGID = 02000;
  static final int STICKY = 01000;

  String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  boolean under(String dir) {
    return path.startsWith(dir + "/");
  }

  String parent() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
