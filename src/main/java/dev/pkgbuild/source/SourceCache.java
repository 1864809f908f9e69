package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Content-addressed source files named {@code sha256:<hex>} or {@code sha512:<hex>},
 * the names melange gives its cache, so one cache can seed the other. A hit is
 * trusted only after its content hashes to its name.
 */
public final class SourceCache {
  private final Path dir;

  public SourceCache(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  /** Where the entry for {@code checksum} lives, present or not. */
  public Path pathOf(Checksum checksum) {
    return dir.resolve(checksum.cacheName());
  }

  /** The verified entry, or empty; a corrupted entry is removed so it is fetched again. */
  public Optional<Path> lookup(Checksum checksum) throws PkgbuildException {
    Path entry = pathOf(checksum);
    if (!Files.isRegularFile(entry)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(entry)) {
      MessageDigest md = checksum.newDigest();
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      if (checksum.sameKind(md.digest()).equals(checksum)) {
        return Optional.of(entry);
      }
      Files.deleteIfExists(entry);
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot read cache entry " + entry + ": " + e.getMessage());
    }
  }

  /**
   * Streams content into the cache, hashing it on the way; stores it only when the
   * hash is {@code expected}. {@code what} names the source in the error.
   *
   * @throws IOException when {@code content} fails; nothing is stored
   * @throws PkgbuildException on a checksum mismatch or an unwritable cache
   */
  public Path store(Checksum expected, String what, AtomicFiles.Writer content)
      throws IOException, PkgbuildException {
    Path tmp = createTemp(expected);
    try {
      MessageDigest md = expected.newDigest();
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = new DigestOutputStream(
              new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), md)) {
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      Checksum actual = expected.sameKind(md.digest());
      if (!actual.equals(expected)) {
        throw PkgbuildException.badInput("checksum mismatch for " + what + ": expected "
            + expected + ", got " + actual);
      }
      Path entry = pathOf(expected);
      AtomicFiles.move(tmp, entry);
      AtomicFiles.fsyncDir(dir);
      return entry;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path createTemp(Checksum expected) throws PkgbuildException {
    try {
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "." + expected.algorithm() + "-", ".part");
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot write to the source cache " + dir + ": " + e.getMessage());
    }
  }
}
