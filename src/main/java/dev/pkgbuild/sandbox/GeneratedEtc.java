package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox's own /etc/passwd, group and hosts, written once per process to a private
 * folder that bwrap binds read-only. Handing them to bwrap as descriptors instead needs a
 * shell in front of every step (Java cannot pass extra descriptors), which cost 10 ms a step.
 *
 * <p>The folder's name carries its owner ({@code pkgbuild-etc-PID-TICKS-random}): a process
 * killed outright never runs its exit hooks, so each new folder's maker removes the folders
 * of owners that are gone.
 */
final class GeneratedEtc {
  static final String PREFIX = "pkgbuild-etc-";
  static final List<String> FILES = List.of("passwd", "group", "hosts");
  private static Path folder;

  private GeneratedEtc() {}

  /** The folder holding {@code passwd}, {@code group} and {@code hosts}; removed at exit. */
  static synchronized Path folder() throws PkgbuildException {
    if (folder == null || !Files.isDirectory(folder)) {
      folder = create(Path.of(System.getProperty("java.io.tmpdir")), ProcessStart.current());
    }
    return folder;
  }

  /** Writes a fresh folder under {@code parent} for {@code owner}, then sweeps its dead siblings. */
  static Path create(Path parent, Optional<ProcessStart> owner) throws PkgbuildException {
    try {
      // A fresh random name that only we can write: nobody can swap the files under us.
      String prefix = PREFIX + owner.map(o -> o.pid() + "-" + o.startTicks() + "-").orElse("");
      Path dir = Files.createTempDirectory(parent, prefix);
      dir.toFile().deleteOnExit();
      write(dir.resolve("passwd"), HostLayout.PASSWD);
      write(dir.resolve("group"), HostLayout.GROUP);
      write(dir.resolve("hosts"), HostLayout.HOSTS);
      // Readable by the sandbox uid a root-started build runs as.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      removeLeftovers(parent, dir);
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

  /**
   * Removes the folders beside {@code ours} whose owner is gone: only real folders (never a
   * link) of our own uid, only the files this class writes, and the folder only once empty.
   */
  static void removeLeftovers(Path parent, Path ours) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, PREFIX + "*")) {
      Object uid = Files.getAttribute(ours, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      for (Path dir : s) {
        Optional<ProcessStart> owner = ownerOf(dir.getFileName().toString());
        if (!dir.equals(ours) && owner.isPresent() && owner.get().gone() && ownFolder(dir, uid)) {
          removeQuietly(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Best effort: a leftover folder is not worth failing a build.
    }
  }

  /** The owner a folder's name records, or empty for a name this class did not make. */
  static Optional<ProcessStart> ownerOf(String name) {
    String[] f = name.substring(PREFIX.length()).split("-");
    try {
      return f.length == 3 ? Optional.of(new ProcessStart(Long.parseLong(f[0]), Long.parseLong(f[1])))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean ownFolder(Path dir, Object uid) {
    try {
      return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          && Objects.equals(uid, Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static void removeQuietly(Path dir) {
    try {
      for (String name : FILES) {
        Files.deleteIfExists(dir.resolve(name));
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Another sweeper got there first, or the folder holds something we did not write: leave it.
    }
  }
}
