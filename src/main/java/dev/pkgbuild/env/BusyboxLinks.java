package dev.pkgbuild.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The applet links busybox's install trigger would make, made instead the way apko makes them
 * (no script runs): only when {@code /bin/busybox} is there, from the list the busybox package
 * ships in {@code /etc/busybox-paths.d/<package>}, each line an absolute symlink to
 * {@code /bin/busybox}, missing parents made 0755 with busybox's mtime, existing links and files
 * left alone. The links are not in the installed database, as with apko and apk.
 */
final class BusyboxLinks {
  static final String BUSYBOX = "bin/busybox";
  private static final String PATHS = "etc/busybox-paths.d/";

  private BusyboxLinks() {}

  /**
   * Makes the links for the installed packages (install order); returns how many were made,
   * or -1 when busybox is installed but ships no list.
   */
  static int make(RootLayout layout, List<InstalledPackage> installed) throws IOException, RootLayout.Refusal {
    Path busybox = resolve(layout, BUSYBOX);
    BasicFileAttributes bb = busybox == null ? null : RootLayout.lstat(busybox);
    String owner = owner(installed);
    if (bb == null || owner == null) {
      return 0;
    }
    Path list = resolve(layout, PATHS + owner);
    if (list == null || !Files.isRegularFile(list)) {
      return -1;
    }
    int made = 0;
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      String link = line.strip();
      while (link.startsWith("/")) {
        link = link.substring(1);
      }
      if (link.isEmpty() || link.equals(BUSYBOX) || !link.contains("/")) {
        continue;
      }
      made += link(layout, link, bb.lastModifiedTime()) ? 1 : 0;
    }
    return made;
  }

  /** The package named busybox, else the last one that provides a name containing "busybox" (apko's choice). */
  private static String owner(List<InstalledPackage> installed) {
    String found = null;
    for (InstalledPackage p : installed) {
      if (p.pkg.entry().name().equals("busybox")) {
        return "busybox";
      }
      if (p.pkg.entry().provides().stream().anyMatch(n -> n.contains("busybox"))) {
        found = p.pkg.entry().name();
      }
    }
    return found;
  }

  private static boolean link(RootLayout layout, String link, FileTime mtime) throws IOException, RootLayout.Refusal {
    List<String> parts = RootLayout.split(link);
    Path parent = layout.directory(parts.subList(0, parts.size() - 1), true);
    Path path = parent.resolve(parts.get(parts.size() - 1));
    BasicFileAttributes a = RootLayout.lstat(path);
    if (a != null) {
      if (a.isSymbolicLink() || a.isRegularFile()) {
        return false;
      }
      throw new RootLayout.Refusal("is in the way of the busybox applet link '" + link + "'");
    }
    Files.createSymbolicLink(path, Path.of("/" + BUSYBOX));
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, null, null);
    return true;
  }

  /** The real path of a file named from the root, links followed inside it, or null if missing. */
  private static Path resolve(RootLayout layout, String name) throws IOException, RootLayout.Refusal {
    List<String> parts = RootLayout.split(name);
    Path dir = layout.directory(parts.subList(0, parts.size() - 1), false);
    return dir == null ? null : dir.resolve(parts.get(parts.size() - 1));
  }
}
