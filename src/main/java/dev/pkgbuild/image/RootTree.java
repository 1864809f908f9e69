package dev.pkgbuild.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The entries of a root in layer order: depth first, siblings sorted by name, parents before
 * children, no entry for the root itself. Read once, so each layer is a filter over it.
 */
final class RootTree {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** What an entry is on disk. */
  enum Kind { DIRECTORY, FILE, SYMLINK }

  /**
   * One path of the root.
   *
   * @param name relative, {@code /}-separated
   * @param kind what it is
   * @param mode the disk's {@code mode & 07777}
   * @param size content length of a file, else 0
   * @param inode device and inode of a file with more than one link, else null
   * @param target a symlink's target, verbatim, else null
   */
  record Node(String name, Kind kind, int mode, long size, List<Object> inode, String target) {}

  private RootTree() {}

  /** @throws IOException when the tree cannot be read, or holds a device, FIFO or socket */
  static List<Node> read(Path root) throws IOException {
    List<Node> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  private static void walk(Path dir, String prefix, List<Node> out) throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path p : children) {
      String name = prefix + p.getFileName();
      int mode = (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
      if (Files.isSymbolicLink(p)) {
        out.add(new Node(name, Kind.SYMLINK, 0777, 0, null, Files.readSymbolicLink(p).toString()));
      } else if (Files.isDirectory(p, NOFOLLOW)) {
        out.add(new Node(name, Kind.DIRECTORY, mode, 0, null, null));
        walk(p, name + "/", out);
      } else if (Files.isRegularFile(p, NOFOLLOW)) {
        int nlink = (Integer) Files.getAttribute(p, "unix:nlink", NOFOLLOW);
        List<Object> inode = nlink > 1
            ? List.of(Files.getAttribute(p, "unix:dev", NOFOLLOW), Files.getAttribute(p, "unix:ino", NOFOLLOW))
            : null;
        out.add(new Node(name, Kind.FILE, mode, Files.size(p), inode, null));
      } else {
        throw new IOException(name + ": devices, FIFOs and sockets cannot go into an image layer");
      }
    }
  }

  /** The parent directory names of {@code name}, outermost first. */
  static List<String> parents(String name) {
    List<String> out = new ArrayList<>();
    for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
      out.add(name.substring(0, i));
    }
    return out;
  }
}
