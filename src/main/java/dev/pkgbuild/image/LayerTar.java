package dev.pkgbuild.image;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one layer: a tar of some of a root's entries, gzipped, as a blob. Everything in a
 * header comes from the entry's path, content, recorded owner and the one mtime, never from
 * the disk's owner or times: uid, gid and mode from the installed database (root and the
 * disk's mode when it has no record), empty user and group names (runtimes use the numbers, and
 * names would tie a package's layer to another package's {@code /etc/passwd}), no pax records
 * but long names, and a hard link only to a path earlier in the same layer, so a layer is
 * whole by itself.
 */
final class LayerTar {
  /** Compressing threads: the bytes do not depend on the count. */
  private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  /** A written layer. @param blob the compressed blob @param diffId {@code sha256:} of the uncompressed tar */
  record Written(Descriptor blob, String diffId) {}

  private LayerTar() {}

  static Written write(Blobs blobs, Path root, List<RootTree.Node> nodes, Map<String, Owner> owners, long mtime)
      throws IOException {
    MessageDigest diff = Digests.bulk("SHA-256");
    Descriptor blob = blobs.put(MediaTypes.LAYER, out -> {
      try (OutputStream tarOut = new Blobs.Counting(Gzip.member(out, Gzip.DATA_LEVEL, THREADS), diff)) {
        TarSegmentWriter tar = new TarSegmentWriter(tarOut);
        Map<List<Object>, String> firstPath = new HashMap<>();
        for (RootTree.Node n : nodes) {
          entry(tar, root, n, owners.get(n.name()), mtime, firstPath);
        }
        tar.finish(TarSegmentWriter.Trailer.END_BLOCKS);
      }
    });
    return new Written(blob, "sha256:" + Digests.hex(diff.digest()));
  }

  private static void entry(TarSegmentWriter tar, Path root, RootTree.Node n, Owner owner, long mtime,
      Map<List<Object>, String> firstPath) throws IOException {
    int uid = owner == null ? 0 : owner.uid();
    int gid = owner == null ? 0 : owner.gid();
    int mode = owner == null ? n.mode() : owner.mode();
    switch (n.kind()) {
      case DIRECTORY -> tar.write(entry(n.name(), TarEntry.Type.DIRECTORY, mode, uid, gid, 0, mtime, null),
          InputStream.nullInputStream());
      case SYMLINK -> tar.write(entry(n.name(), TarEntry.Type.SYMLINK, 0777, uid, gid, 0, mtime, n.target()),
          InputStream.nullInputStream());
      case FILE -> {
        String first = n.inode() == null ? null : firstPath.putIfAbsent(n.inode(), n.name());
        if (first != null) {
          tar.write(entry(n.name(), TarEntry.Type.HARDLINK, mode, uid, gid, 0, mtime, first),
              InputStream.nullInputStream());
          return;
        }
        try (InputStream in = Files.newInputStream(root.resolve(n.name()))) {
          tar.write(entry(n.name(), TarEntry.Type.FILE, mode, uid, gid, n.size(), mtime, null), in);
        }
      }
      default -> throw new IllegalStateException(n.kind().toString());
    }
  }

  private static TarEntry entry(String name, TarEntry.Type type, int mode, int uid, int gid, long size, long mtime,
      String link) {
    return new TarEntry(name, type, mode, uid, gid, "", "", size, mtime, link, null);
  }
}
