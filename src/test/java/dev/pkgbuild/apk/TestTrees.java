package dev.pkgbuild.apk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Staging trees for writer tests: setuid file, symlink, hard link, nested directories. */
final class TestTrees {
  private TestTrees() {}

  /** Makes the same logical tree; {@code seed} shuffles creation order and mtimes. */
  static Path make(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    List<Runnable> steps = new ArrayList<>();
    Random rnd = new Random(seed);
    Files.createDirectories(dir.resolve("usr/bin"));
    Files.createDirectories(dir.resolve("usr/share/doc/hello"));
    List<String[]> files = new ArrayList<>(List.of(
        new String[] {"usr/bin/hello", "#!/bin/sh\necho hello\n"},
        new String[] {"usr/share/doc/hello/README", "read me\n"},
        new String[] {"usr/share/doc/hello/empty", ""}));
    Collections.shuffle(files, rnd);
    for (String[] f : files) {
      Files.writeString(dir.resolve(f[0]), f[1]);
    }
    Files.setPosixFilePermissions(dir.resolve("usr/bin/hello"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setAttribute(dir.resolve("usr/bin/hello"), "unix:mode", 04755);
    Files.createSymbolicLink(dir.resolve("usr/bin/hi"), Path.of("hello"));
    Files.createLink(dir.resolve("usr/bin/hello-hard"), dir.resolve("usr/bin/hello"));
    Files.setAttribute(dir.resolve("usr/share"), "unix:mode", 01755);
    try (var s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000L + rnd.nextInt(1_000_000)));
        }
      }
    }
    steps.forEach(Runnable::run);
    return dir;
  }
}
