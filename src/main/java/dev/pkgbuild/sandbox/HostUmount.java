package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How to start the host's {@code umount} once a package root is {@code /}: the rooted launcher
 * must detach the host's tree after {@code pivot_root}, and by then the host program's own
 * interpreter path ({@code /lib64/ld-linux-x86-64.so.2}) names a file of the package root, if
 * anything. So the host's loader is started by its full path under the old root, with the
 * host's library folders. Found once per process, with {@code ldd}.
 *
 * @param umount the real path of the host's umount
 * @param loader the real path of its ELF interpreter; empty for a static umount
 * @param libraryPath its libraries' real folders, joined with {@code :}
 */
record HostUmount(String umount, String loader, String libraryPath) {
  private static HostUmount found;

  /** This host's umount, looked up on first use. */
  static synchronized HostUmount get() throws PkgbuildException {
    if (found == null) {
      found = probe();
    }
    return found;
  }

  private static HostUmount probe() throws PkgbuildException {
    Path umount = null;
    for (String dir : Launch.HOST_ENV.get("PATH").split(":")) {
      if (umount == null && Files.isExecutable(Path.of(dir, "umount"))) {
        umount = Path.of(dir, "umount");
      }
    }
    if (umount == null) {
      throw PkgbuildException.environment("build roots need the host's umount (util-linux mount), not found");
    }
    ExecResult r = ProcessRunner.runQuietly(List.of("ldd", umount.toString()), Launch.HOST_ENV, Duration.ofSeconds(30));
    try {
      return parse(real(umount.toString()), r.tail());
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot find the libraries of " + umount + ": " + e.getMessage());
    }
  }

  /** Reads {@code ldd}'s lines: {@code name => /path (addr)} for libraries, {@code /path (addr)} for the loader. */
  static HostUmount parse(String umount, List<String> lddLines) throws IOException {
    String loader = "";
    Set<String> dirs = new LinkedHashSet<>();
    for (String line : lddLines) {
      String t = line.trim();
      int arrow = t.indexOf("=> /");
      if (arrow >= 0) {
        dirs.add(Path.of(real(pathAt(t, arrow + 3))).getParent().toString());
      } else if (t.startsWith("/")) {
        loader = real(pathAt(t, 0));
      }
    }
    return new HostUmount(umount, loader, String.join(":", dirs));
  }

  private static String pathAt(String line, int start) {
    int end = line.indexOf(" (", start);
    return (end < 0 ? line.substring(start) : line.substring(start, end)).trim();
  }

  private static String real(String path) throws IOException {
    return Path.of(path).toRealPath().toString();
  }
}
