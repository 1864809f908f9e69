package dev.pkgbuild.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
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
 */
public final class TreeTar {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** What was written. @param regularBytes sum of regular file sizes @param regularFiles count of regular files
   * @param entries count of all entries */
  public record Summary(long regularBytes, int regularFiles, int entries) {}

  /** Files up to this size are read once, into memory; larger ones are read twice (digest, then tar). */
  private static final int READ_WHOLE = 1 << 20;

  private final long mtime;
  private final MessageDigest sha1 = Digests.bulk("SHA-1");
  private final Map<List<Object>, String> seenInodes = new HashMap<>();
  private long bytes;
  private int files;
  private int count;

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
    t.walk(root, "", owners == null ? Function.identity() : owners, tar);
    return new Summary(t.bytes, t.files, t.count);
  }

  private void walk(Path dir, String prefix, Function<TarEntry, TarEntry> owners, TarSegmentWriter tar)
      throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path p : children) {
      String name = prefix + p.getFileName();
      entry(p, name, owners, tar);
      if (Files.isDirectory(p, NOFOLLOW)) {
        walk(p, name + "/", owners, tar);
      }
    }
  }

  private void entry(Path p, String name, Function<TarEntry, TarEntry> owners, TarSegmentWriter tar)
      throws IOException {
    int mode = (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
    count++;
    if (Files.isSymbolicLink(p)) {
      String target = Files.readSymbolicLink(p).toString();
      String sha = Digests.hex(Digests.sha1(target.getBytes(StandardCharsets.UTF_8)));
      tar.write(owners.apply(make(name, TarEntry.Type.SYMLINK, mode, 0, target, sha)), InputStream.nullInputStream());
    } else if (Files.isDirectory(p, NOFOLLOW)) {
      tar.write(owners.apply(make(name, TarEntry.Type.DIRECTORY, mode, 0, null, null)), InputStream.nullInputStream());
    } else if (Files.isRegularFile(p, NOFOLLOW)) {
      regular(p, name, mode, owners, tar);
    } else {
      throw new IOException(name + ": devices, FIFOs and sockets cannot be packaged");
    }
  }

  private void regular(Path p, String name, int mode, Function<TarEntry, TarEntry> owners, TarSegmentWriter tar)
      throws IOException {
    int nlink = (Integer) Files.getAttribute(p, "unix:nlink", NOFOLLOW);
    if (nlink > 1) {
      List<Object> key = List.of(Files.getAttribute(p, "unix:dev", NOFOLLOW), Files.getAttribute(p, "unix:ino", NOFOLLOW));
      String first = seenInodes.putIfAbsent(key, name);
      if (first != null) {
        tar.write(owners.apply(make(name, TarEntry.Type.HARDLINK, mode, 0, first, null)), InputStream.nullInputStream());
        return;
      }
    }
    long size = Files.size(p);
    if (size <= READ_WHOLE) {
      byte[] content = Files.readAllBytes(p);
      size = content.length;
      tar.write(owners.apply(make(name, TarEntry.Type.FILE, mode, size, null, Digests.hex(sha1.digest(content)))),
          content);
    } else {
      String sha;
      try (InputStream in = Files.newInputStream(p)) {
        sha = Digests.hex(Digests.digest(sha1, in));
      }
      try (InputStream in = Files.newInputStream(p)) {
        tar.write(owners.apply(make(name, TarEntry.Type.FILE, mode, size, null, sha)), in);
      }
    }
    bytes += size;
    files++;
  }

  private TarEntry make(String name, TarEntry.Type type, int mode, long size, String link, String sha) {
    return new TarEntry(name, type, mode, 0, 0, "root", "root", size, mtime, link, sha);
  }
}
