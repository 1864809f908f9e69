package dev.pkgbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A small installed root as the installer leaves it, with a hand-written database, and a runner for host tools. */
final class SampleRoot {
  static final long EPOCH = 1_700_000_000L;

  /** Two packages: base (etc, the bin link, a home for 65532) and app (a tool, its hard link through bin, data). */
  static final String DB = """
      P:base
      V:1-r0
      F:etc
      R:os-release
      F:home
      F:home/nonroot
      M:65532:65532:0750
      R:.profile
      a:65532:65532:0644

      P:app
      V:2-r0
      F:usr
      F:usr/bin
      R:tool
      a:0:0:755
      F:bin
      R:tool2
      a:0:0:755
      F:usr/share
      F:usr/share/app
      M:0:0:755
      R:data
      a:65532:65532:640

      """;

  private SampleRoot() {}

  static Path write(Path root) throws IOException {
    dir(root, "etc", "rwxr-xr-x");
    file(root, "etc/os-release", "ID=sample\n", "rw-r--r--");
    dir(root, "home/nonroot", "rwx------");
    file(root, "home/nonroot/.profile", "export A=1\n", "rw-------");
    dir(root, "usr/bin", "rwxr-xr-x");
    file(root, "usr/bin/tool", "#!/bin/sh\necho tool\n", "rwxr-xr-x");
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.createLink(root.resolve("usr/bin/tool2"), root.resolve("usr/bin/tool"));
    dir(root, "usr/share/app", "rwxr-xr-x");
    file(root, "usr/share/app/data", "data\n".repeat(1000), "rw-------"); // the record says 0640
    dir(root, "lib/apk/db", "rwxr-xr-x");
    file(root, "lib/apk/db/installed", DB, "rw-r--r--");
    dir(root, "tmp", "rwxrwxrwx");
    return root;
  }

  static void dir(Path root, String rel, String perms) throws IOException {
    Path d = Files.createDirectories(root.resolve(rel));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(perms));
  }

  static void file(Path root, String rel, String content, String perms) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
  }

  /** Gives every path another mtime, as a second install at another time would. */
  static void retime(Path root, long seconds) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, FileTime.fromMillis(seconds * 1000));
        }
      }
    }
  }

  /** Gives every path another owner when the user may (root); otherwise ownership stays the user's. */
  static void chownWherePossible(Path root, int id) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        try {
          Files.setAttribute(p, "unix:uid", id, LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(p, "unix:gid", id, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException notPermitted) {
          return;
        }
      }
    }
  }

  /** Runs a host tool, failing with its output unless it exits 0. */
  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    return out;
  }

  static List<String> list(String... items) {
    return new ArrayList<>(List.of(items));
  }
}
