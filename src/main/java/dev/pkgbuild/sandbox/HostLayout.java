package dev.pkgbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the host a build may see, read-only: the toolchain folders that exist here
 * (kept as symlinks where the host is usr-merged) and the few files of /etc that a compiler
 * and a shell need. Everything else of the host stays out.
 *
 * @param toolchain the top-level toolchain folders, in mount order
 * @param etc the /etc entries bound read-only
 */
record HostLayout(List<Entry> toolchain, List<String> etc) {
  static final List<String> TOOLCHAIN = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32");
  static final List<String> ETC = List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
      "/etc/ld.so.conf.d");

  /** Generated files: no host accounts, no host name resolution. */
  static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\nbuild:x:1000:1000:build:/home/build:/bin/sh";
  static final String GROUP = "root:x:0:\nbuild:x:1000:";
  static final String HOSTS = "127.0.0.1 localhost\n::1 localhost";

  /**
   * One top-level toolchain entry.
   *
   * @param path absolute path, the same on the host and in the sandbox
   * @param linkTarget the symlink's target, or {@code null} for a folder bound read-only
   */
  record Entry(String path, String linkTarget) {
    boolean isLink() {
      return linkTarget != null;
    }
  }

  HostLayout {
    toolchain = List.copyOf(toolchain);
    etc = List.copyOf(etc);
  }

  /** Looks at this host's root. */
  /** The toolchain as the setup scripts read it: {@code PATH} or {@code PATH TARGET} (a link), one a line. */
  String toolchainLines() {
    StringBuilder sb = new StringBuilder();
    for (Entry e : toolchain) {
      sb.append(e.path()).append(e.isLink() ? " " + e.linkTarget() : "").append('\n');
    }
    return sb.toString();
  }

  static HostLayout probe() {
    List<Entry> tools = new ArrayList<>();
    for (String p : TOOLCHAIN) {
      Path path = Path.of(p);
      String target = Files.isSymbolicLink(path) ? readLink(path) : null;
      if (target != null) {
        tools.add(new Entry(p, target));
      } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        tools.add(new Entry(p, null));
      }
    }
    List<String> etc = new ArrayList<>();
    for (String p : ETC) {
      if (Files.exists(Path.of(p))) {
        etc.add(p);
      }
    }
    return new HostLayout(tools, etc);
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return null; // unreadable: leave it out rather than guess
    }
  }
}
