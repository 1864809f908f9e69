package dev.pkgbuild.archive;

import dev.pkgbuild.io.SideBySide;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Writes a directory tree as a deterministic tar: a sorted depth-first walk (directories
 * before their contents, no entry for the root, names relative without {@code ./}), every
 * mtime set to one epoch, owner root:root unless {@code owners} says otherwise, {@code mode &
 * 07777} kept (setuid, setgid, sticky included), symlinks never followed, hard links found by
 * device and inode (the first path in sorted order is the file, later ones link to it), and a
 * {@code APK-TOOLS.checksum.SHA1} record before every regular file and symlink.
 *
 * <p>The tree is listed first (one {@code lstat} per entry), so that files too big to read
 * into memory can be hashed on a side thread ahead of the writer: their checksum record goes
 * before their bytes, and hashing each one only when the writer reached it left the
 * compressing threads idle for as long as the file took to read.
 */
public final class TreeTar {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final int TYPE_MASK = 0170000;
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR = 0100000;
  private static final int SYMLINK = 0120000;

  /** What was written. @param regularBytes sum of regular file sizes @param regularFiles count of regular files
   * @param entries count of all entries */
  public record Summary(long regularBytes, int regularFiles, int entries) {}

  /** Files up to this size are read once, into memory; larger ones are read twice (digest, then tar). */
  private static final int READ_WHOLE = 1 << 20;

  /**
   * One entry of the tree, as listed: its {@code st_mode}, size, and for a second name of a
   * hard-linked file the name it links to.
   */
  private record Item(Path path, String name, int mode, long size, String linkTo) {
    int type() {
      return mode & TYPE_MASK;
    }

    boolean hashedAhead() {
      return type() == REGULAR && linkTo == null && size > READ_WHOLE;
    }
  }

  private final long mtime;
  private final MessageDigest sha1 = Digests.bulk("SHA-1");
  private final Map<List<Object>, String> seenInodes = new HashMap<>();
  private final List<Item> items = new ArrayList<>();
  private long bytes;
  private int files;

  private TreeTar(long mtime) {
    this.mtime = mtime;
  }

  /**
   * Writes {@code root}'s contents to {@code tar} (the caller finishes the segment).
   *
   * @param owners maps an entry to itself with another owner, or null for root:root everywhere
   * @throws IOException when the tree cannot be read, or holds a device, FIFO or socket
   */
  public static Summary write(Path root, long mtime, Function<TarEntry, TarEntry> owners, TarSegmentWriter tar)
      throws IOException {
    TreeTar t = new TreeTar(mtime);
    t.list(root, "");
    t.write(owners == null ? Function.identity() : owners, tar);
    return new Summary(t.bytes, t.files, t.items.size());
  }

  /** Lists the tree in the order it is written: sorted by name, each directory before its contents. */
  private void list(Path dir, String prefix) throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path p : children) {
      String name = prefix + p.getFileName();
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,size,nlink,dev,ino", NOFOLLOW);
      int mode = (Integer) a.get("mode");
      String linkTo = null;
      if ((mode & TYPE_MASK) == REGULAR && (Integer) a.get("nlink") > 1) {
        linkTo = seenInodes.putIfAbsent(List.of(a.get("dev"), a.get("ino")), name);
      }
      items.add(new Item(p, name, mode, (Long) a.get("size"), linkTo));
      if ((mode & TYPE_MASK) == DIRECTORY) {
        list(p, name + "/");
      }
    }
  }

  private void write(Function<TarEntry, TarEntry> owners, TarSegmentWriter tar) throws IOException {
    List<Item> big = items.stream().filter(Item::hashedAhead).toList();
    MessageDigest ahead = big.isEmpty() ? null : Digests.bulk("SHA-1");
    Iterator<SideBySide.Pending<String, IOException>> hashes = SideBySide.<Item, String, IOException>inOrder(big,
        i -> {
          try (InputStream in = Files.newInputStream(i.path())) {
            return Digests.hex(Digests.digest(ahead, in));
          }
        }).iterator();
    for (Item i : items) {
      int mode = i.mode() & 07777;
      switch (i.type()) {
        case SYMLINK -> {
          String target = Files.readSymbolicLink(i.path()).toString();
          String sha = Digests.hex(Digests.sha1(target.getBytes(StandardCharsets.UTF_8)));
          tar.write(owners.apply(make(i.name(), TarEntry.Type.SYMLINK, mode, 0, target, sha)),
              InputStream.nullInputStream());
        }
        case DIRECTORY -> tar.write(owners.apply(make(i.name(), TarEntry.Type.DIRECTORY, mode, 0, null, null)),
            InputStream.nullInputStream());
        case REGULAR -> regular(i, mode, i.hashedAhead() ? hashes.next().join() : null, owners, tar);
        default -> throw new IOException(i.name() + ": devices, FIFOs and sockets cannot be packaged");
      }
    }
  }

  /** A regular file; {@code sha} is its checksum when it was hashed ahead. */
  private void regular(Item i, int mode, String sha, Function<TarEntry, TarEntry> owners, TarSegmentWriter tar)
      throws IOException {
    if (i.linkTo() != null) {
      tar.write(owners.apply(make(i.name(), TarEntry.Type.HARDLINK, mode, 0, i.linkTo(), null)),
          InputStream.nullInputStream());
      return;
    }
    long size = i.size();
    if (sha == null) {
      byte[] content = Files.readAllBytes(i.path());
      size = content.length;
      tar.write(owners.apply(make(i.name(), TarEntry.Type.FILE, mode, size, null, Digests.hex(sha1.digest(content)))),
          content);
    } else {
      try (InputStream in = Files.newInputStream(i.path())) {
        tar.write(owners.apply(make(i.name(), TarEntry.Type.FILE, mode, size, null, sha)), in);
      }
    }
    bytes += size;
    files++;
  }

  private TarEntry make(String name, TarEntry.Type type, int mode, long size, String link, String sha) {
    return new TarEntry(name, type, mode, 0, 0, "root", "root", size, mtime, link, sha);
  }
}
