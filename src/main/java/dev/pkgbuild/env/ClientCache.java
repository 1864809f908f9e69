package dev.pkgbuild.env;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The repository client's cache folder. A fetched file lives in {@code indexes/<h>/} or
 * {@code keys/<h>/}, {@code <h>} the first 16 hex digits of the SHA-256 of its URL without
 * credentials, beside {@code validators} (its ETag and Last-Modified) and {@code url}.
 * Packages live in {@code packages/<sha1 hex of C:>.apk}: by content, so one package listed
 * by two repositories is stored once.
 */
final class ClientCache {
  private final Path dir;

  ClientCache(Path dir) {
    this.dir = dir;
  }

  /** Where the file fetched from {@code shownUrl} lives, under {@code kind} ({@code indexes} or {@code keys}). */
  Path fetched(String kind, String shownUrl, String fileName) {
    byte[] h = Digests.of("SHA-256").digest(shownUrl.getBytes(StandardCharsets.UTF_8));
    return dir.resolve(kind).resolve(Digests.hex(h).substring(0, 16)).resolve(fileName);
  }

  /** The package whose {@code C:} is {@code checksum} ({@code Q1} + base64 SHA-1). */
  Path pkg(String checksum) {
    byte[] sha1 = Base64.getDecoder().decode(checksum.substring(2));
    return dir.resolve("packages").resolve(Digests.hex(sha1) + ".apk");
  }

  /** A fresh temp file beside {@code target}, for a download that is checked before it is moved in. */
  Path temp(Path target) throws PkgbuildException {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
    } catch (IOException e) {
      throw unwritable(e);
    }
  }

  /** The validators stored for {@code file}; none when the file itself is absent. */
  RemoteFetch.Validators validators(Path file) {
    Path v = file.resolveSibling("validators");
    if (!Files.isRegularFile(file) || !Files.isRegularFile(v)) {
      return RemoteFetch.Validators.NONE;
    }
    try {
      List<String> lines = Files.readAllLines(v, StandardCharsets.UTF_8);
      return new RemoteFetch.Validators(value(lines, "etag: "), value(lines, "last-modified: "));
    } catch (IOException e) {
      return RemoteFetch.Validators.NONE; // a damaged record only costs a full download
    }
  }

  /**
   * Moves a checked download into place, then records its validators: in that order, so that
   * a crash between the two costs a download and never pairs new validators with an old file.
   */
  void publish(Path temp, Path file, String shownUrl, RemoteFetch.Validators v) throws PkgbuildException {
    try {
      AtomicFiles.move(temp, file);
      String text = (v.etag() == null ? "" : "etag: " + v.etag() + "\n")
          + (v.lastModified() == null ? "" : "last-modified: " + v.lastModified() + "\n");
      AtomicFiles.write(file.resolveSibling("validators"), text.getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(file.resolveSibling("url"), (shownUrl + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unwritable(e);
    }
  }

  /** Moves a checked package into place. */
  void publish(Path temp, Path file) throws PkgbuildException {
    try {
      AtomicFiles.move(temp, file);
      AtomicFiles.fsyncDir(file.getParent());
    } catch (IOException e) {
      throw unwritable(e);
    }
  }

  private PkgbuildException unwritable(IOException e) {
    return PkgbuildException.environment("cannot write to the apk cache " + dir + ": " + e.getMessage());
  }

  private static String value(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
        .findFirst().orElse(null);
  }
}
