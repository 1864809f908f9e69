package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The sandbox's own /etc/passwd, group and hosts, written once per process to a private
 * folder that bwrap binds read-only. Handing them to bwrap as descriptors instead needs a
 * shell in front of every step (Java cannot pass extra descriptors), which cost 10 ms a step.
 */
final class GeneratedEtc {
  private static Path folder;

  private GeneratedEtc() {}

  /** The folder holding {@code passwd}, {@code group} and {@code hosts}; removed at exit. */
  static synchronized Path folder() throws PkgbuildException {
    if (folder != null && Files.isDirectory(folder)) {
      return folder;
    }
    try {
      // A fresh random name that only we can write: nobody can swap the files under us.
      Path dir = Files.createTempDirectory("pkgbuild-etc-");
      dir.toFile().deleteOnExit();
      write(dir.resolve("passwd"), HostLayout.PASSWD);
      write(dir.resolve("group"), HostLayout.GROUP);
      write(dir.resolve("hosts"), HostLayout.HOSTS);
      // Readable by the sandbox uid a root-started build runs as.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      folder = dir;
      return dir;
    } catch (IOException | UnsupportedOperationException e) {
      throw PkgbuildException.environment("cannot write the sandbox's /etc files: " + e.getMessage());
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
  }
}
