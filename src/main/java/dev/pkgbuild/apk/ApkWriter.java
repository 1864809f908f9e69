package dev.pkgbuild.apk;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import dev.pkgbuild.archive.TreeTar;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.sign.SignatureType;
import dev.pkgbuild.sign.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes APK v2 packages: signature, control and data gzip members, concatenated. The data
 * member is streamed to a temp file first (its SHA-256 is the {@code datahash} the control
 * member needs), then copied behind the other two. Output depends only on the inputs: file
 * order, mtimes and owners in the tree do not leak in.
 *
 * @param key the signing key, or null for an unsigned package
 * @param types the signature types to write, first one first (default {@code RSA256})
 * @param sourceDateEpoch the mtime of every tar entry
 * @param owners rewrites an entry's owner (identity = root:root everywhere)
 */
public record ApkWriter(SigningKey key, List<SignatureType> types, long sourceDateEpoch,
    Function<TarEntry, TarEntry> owners) {
  /** Script names apk runs; anything else in the control member is ignored by apk. */
  public static final Set<String> SCRIPTS = Set.of(".pre-install", ".post-install", ".pre-deinstall",
      ".post-deinstall", ".pre-upgrade", ".post-upgrade", ".trigger");

  /** Copies the type list. */
  public ApkWriter {
    types = List.copyOf(types);
    owners = owners == null ? Function.identity() : owners;
  }

  /** A writer signing with {@code key} (null: unsigned) as {@code .SIGN.RSA256.}. */
  public static ApkWriter of(SigningKey key, long sourceDateEpoch) {
    return new ApkWriter(key, List.of(SignatureType.RSA256), sourceDateEpoch, null);
  }

  /** This writer also adding a {@code .SIGN.RSA.} (SHA-1) signature for apk older than 2.7. */
  public ApkWriter withLegacySha1() {
    return new ApkWriter(key, List.of(SignatureType.RSA256, SignatureType.RSA), sourceDateEpoch, owners);
  }

  /** Writes a package in one call. @throws PkgbuildException on bad metadata, scripts or tree */
  public static WrittenApk write(PkgInfo info, Path stagingTree, Map<String, String> scripts, SigningKey key,
      long sourceDateEpoch, OutputStream out) throws PkgbuildException {
    return of(key, sourceDateEpoch).write(info, stagingTree, scripts, out);
  }

  /** Writes {@code apk} atomically (temp file and rename in its folder). @throws PkgbuildException on failure */
  public WrittenApk writeTo(PkgInfo info, Path stagingTree, Map<String, String> scripts, Path apk)
      throws PkgbuildException {
    WrittenApk[] result = new WrittenApk[1];
    try {
      AtomicFiles.write(apk, out -> {
        try {
          result[0] = write(info, stagingTree, scripts, apk.toAbsolutePath().getParent(), out);
        } catch (PkgbuildException e) {
          throw new WrappedFailure(e);
        }
      });
    } catch (WrappedFailure e) {
      throw e.failure;
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write " + apk + ": " + e.getMessage());
    }
    return result[0];
  }

  /** Streams a package to {@code out}, staging the data member beside the tree. @throws PkgbuildException on failure */
  public WrittenApk write(PkgInfo info, Path stagingTree, Map<String, String> scripts, OutputStream out)
      throws PkgbuildException {
    return write(info, stagingTree, scripts, stagingTree.toAbsolutePath().getParent(), out);
  }

  private WrittenApk write(PkgInfo info, Path tree, Map<String, String> scripts, Path tempDir, OutputStream out)
      throws PkgbuildException {
    info.validate();
    Map<String, String> sorted = checkScripts(scripts);
    Path data = null;
    try {
      data = Files.createTempFile(tempDir, ".data-", ".tar.gz");
      MessageDigest sha256 = Digests.bulk("SHA-256");
      TreeTar.Summary summary = writeData(tree, data, sha256);
      long size = summary.entries() > 0 && summary.regularBytes() == 0 ? 1 : summary.regularBytes();
      PkgInfo done = info.withSize(size).withDatahash(Digests.hex(sha256.digest()));
      byte[] control = control(done, sorted);
      byte[] signature = key == null ? new byte[0] : SignatureMember.build(key, types, control, sourceDateEpoch);
      out.write(signature);
      out.write(control);
      copyLarge(data, out);
      out.flush();
      long total = signature.length + control.length + Files.size(data);
      return new WrittenApk(done, ApkIdentity.of(control), total);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot package " + tree + ": " + e.getMessage());
    } finally {
      deleteQuietly(data);
    }
  }

  /**
   * Appends the staged data member in 1 MiB reads, which a buffered stream passes straight
   * through: {@code Files.copy} moves it 8 KiB at a time, a read and a copy per piece, on the
   * only thread still working once the data is compressed.
   */
  private static void copyLarge(Path data, OutputStream out) throws IOException {
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(data)) {
      for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
        out.write(buf, 0, n);
      }
    }
  }

  private TreeTar.Summary writeData(Path tree, Path data, MessageDigest sha256) throws IOException, PkgbuildException {
    if (!Files.isDirectory(tree)) {
      throw PkgbuildException.badInput(tree + ": not a directory");
    }
    try (var top = Files.list(tree)) {
      // apk skips top-level data names starting with '.', so such a file would vanish silently.
      var hidden = top.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
      if (!hidden.isEmpty()) {
        throw PkgbuildException.badInput(tree + ": top-level " + hidden + " would be skipped by apk");
      }
    }
    try (OutputStream file = new DigestOutputStream(Files.newOutputStream(data), sha256);
        OutputStream gz = Gzip.member(file, Gzip.DATA_LEVEL, Runtime.getRuntime().availableProcessors())) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      TreeTar.Summary s = TreeTar.write(tree, sourceDateEpoch, owners, tar);
      tar.finish(TarSegmentWriter.Trailer.END_BLOCKS);
      return s;
    }
  }

  private byte[] control(PkgInfo info, Map<String, String> scripts) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream gz = Gzip.member(buf, Gzip.SMALL_LEVEL)) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      byte[] pkginfo = info.renderBytes();
      tar.write(TarEntry.file(".PKGINFO", 0644, pkginfo.length, sourceDateEpoch, null), pkginfo);
      for (Map.Entry<String, String> s : scripts.entrySet()) {
        byte[] body = s.getValue().getBytes(StandardCharsets.UTF_8);
        tar.write(TarEntry.file(s.getKey(), 0755, body.length, sourceDateEpoch, null), body);
      }
      tar.finish(TarSegmentWriter.Trailer.OMIT);
    }
    return buf.toByteArray();
  }

  private static Map<String, String> checkScripts(Map<String, String> scripts) throws PkgbuildException {
    Map<String, String> sorted = new TreeMap<>(scripts == null ? Map.of() : scripts);
    List<String> bad = new ArrayList<>();
    for (String name : sorted.keySet()) {
      if (!SCRIPTS.contains(name)) {
        bad.add(name);
      }
    }
    if (!bad.isEmpty()) {
      throw PkgbuildException.badInput("unknown install script " + bad + " (known: "
          + String.join(", ", new java.util.TreeSet<>(SCRIPTS)) + ")");
    }
    return sorted;
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // A stray temp file is harmless; the package itself was written or the error reported.
      }
    }
  }

  /** Carries a bad-input failure through {@link AtomicFiles.Writer}, which only throws IOException. */
  private static final class WrappedFailure extends IOException {
    private static final long serialVersionUID = 1L;
    final transient PkgbuildException failure;

    WrappedFailure(PkgbuildException failure) {
      super(failure.getMessage());
      this.failure = failure;
    }
  }
}
