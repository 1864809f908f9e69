package dev.pkgbuild.sca;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
  }

  /** Walks {@code root} without following symlinks; unreadable entries become warnings. */
  public static FileTree walk(Path root) {
    List<Entry> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    walk(root, "", out, warnings);
    out.sort(Comparator.comparing(Entry::path));
    return new FileTree(root, out, warnings);
  }

  private static void walk(Path dir, String rel, List<Entry> out, List<String> warnings) {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String path = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
        Map<String, Object> a = Files.readAttributes(child, "unix:mode,size", LinkOption.NOFOLLOW_LINKS);
        Entry e = new Entry(path, (Integer) a.get("mode"), (Long) a.get("size"));
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
