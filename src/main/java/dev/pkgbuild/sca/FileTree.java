package dev.pkgbuild.sca;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One package's staging tree walked once, with each entry's Unix mode, so SCA and the
 * linters share a single {@code lstat} per file instead of walking twice.
 *
 * @param root the staging folder
 * @param entries every entry below root (not root itself), sorted by path
 * @param warnings entries that could not be read, each naming the path
 */
public record FileTree(Path root, List<Entry> entries, List<String> warnings) {
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;

  public FileTree {
    entries = List.copyOf(entries);
    warnings = List.copyOf(warnings);
  }

  /**
   * An entry of the tree.
   *
   * @param path path relative to the root, with {@code /} separators
   * @param mode the full {@code st_mode}: type bits and permission bits including setuid
   * @param size size in bytes
   */
  public record Entry(String path, int mode, long size) {
    public boolean isDirectory() {
      return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegularFile() {
      return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isSymbolicLink() {
      return (mode & S_IFMT) == S_IFLNK;
    }

    /**
     * Whether the file may be an ELF object worth opening: everything except non-executable
     * files in data directories ({@code usr/share}, {@code usr/include}, {@code etc}, {@code var})
     * whose names do not look like objects. Opening every data file would dominate the cost.
     */
    public boolean mayBeObject() {
      if (!isRegularFile() || (mode & 0111) != 0) {
        return isRegularFile();
      }
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.contains(".so") || name.endsWith(".o") || name.endsWith(".ko") || name.endsWith(".node")) {
        return true;
      }
      return !(path.startsWith("usr/share/") || path.startsWith("usr/include/") || path.startsWith("etc/")
          || path.startsWith("var/"));
    }
  }

  /** Walks {@code root} without following symlinks; unreadable entries become warnings. */
  public static FileTree walk(Path root) {
    List<Entry> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    walk(root, "", out, warnings);
    out.sort(Comparator.comparing(Entry::path));
    return new FileTree(root, out, warnings);
  }

  /**
   * Reads one entry's type, permissions and size. The full mode (setuid, setgid, sticky) costs
   * a second lookup, so it is read only where those bits matter: directories and executables.
   */
  private static Entry entry(Path p, String path) throws IOException {
    PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    int perms = 0;
    for (PosixFilePermission bit : a.permissions()) {
      perms |= 0400 >> bit.ordinal(); // the enum runs OWNER_READ .. OTHERS_EXECUTE, high bit first
    }
    int type = a.isDirectory() ? S_IFDIR : a.isSymbolicLink() ? S_IFLNK : a.isRegularFile() ? S_IFREG : 0;
    int mode = type | perms;
    if (a.isDirectory() || (a.isRegularFile() && (perms & 0111) != 0)) {
      mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }
    return new Entry(path, mode, a.size());
  }

  private static void walk(Path dir, String rel, List<Entry> out, List<String> warnings) {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String path = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
        Entry e = entry(child, path);
        out.add(e);
        if (e.isDirectory()) {
          walk(child, path, out, warnings);
        }
      }
    } catch (IOException | RuntimeException e) {
      warnings.add(dir + ": cannot read: " + e.getMessage());
    }
  }
}
