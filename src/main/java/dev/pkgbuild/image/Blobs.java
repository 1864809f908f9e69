package dev.pkgbuild.image;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The content-addressed store of an image layout, {@code blobs/sha256/<hex>}. A blob is
 * streamed to a temporary file while it is digested, then renamed to its digest, so a reader
 * never sees a partial blob and a blob already there is simply kept.
 */
final class Blobs {
  private final Path dir;

  Blobs(Path layoutDir) {
    this.dir = layoutDir.resolve("blobs").resolve("sha256");
  }

  /** The file of a blob. */
  Path path(Descriptor d) {
    return dir.resolve(d.hex());
  }

  Descriptor put(String mediaType, byte[] bytes) throws IOException {
    return put(mediaType, out -> out.write(bytes));
  }

  /** Stores what {@code writer} writes. @throws IOException when writing fails */
  Descriptor put(String mediaType, AtomicFiles.Writer writer) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".blob.", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      MessageDigest sha = Digests.bulk("SHA-256");
      long size;
      try (Counting out = new Counting(Files.newOutputStream(tmp), sha)) {
        writer.writeTo(out);
        size = out.count;
      }
      String hex = Digests.hex(sha.digest());
      Path target = dir.resolve(hex);
      if (Files.isRegularFile(target) && Files.size(target) == size) {
        Files.delete(tmp);
      } else {
        AtomicFiles.move(tmp, target);
      }
      return new Descriptor(mediaType, "sha256:" + hex, size, null, null);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Digests and counts what passes through, buffered for the tar writer's 512-byte writes. */
  static final class Counting extends FilterOutputStream {
    private final MessageDigest md;
    long count;

    Counting(OutputStream out, MessageDigest md) {
      super(new BufferedOutputStream(out, 1 << 16));
      this.md = md;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      md.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      md.update(b, off, len);
      count += len;
    }
  }
}
