package dev.pkgbuild.apk;

import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.GzipMembers;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarReader;
import dev.pkgbuild.archive.TarSegmentWriter;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.sign.SignatureType;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The signed {@code APKINDEX.tar.gz}: a signature member over every byte after it, then one
 * gzip member holding a tar of {@code DESCRIPTION} (optional) and {@code APKINDEX}, mode 0644,
 * owner root, mtime {@code SOURCE_DATE_EPOCH}, gzip mtime 0.
 */
public final class IndexArchive {
  private IndexArchive() {}

  /** The problem line of an index without a signature. */
  static final String UNSIGNED = "unsigned index (apk: UNTRUSTED signature)";
  /** The problem line of an index signed by no trusted key. */
  static final String UNTRUSTED = "UNTRUSTED signature: no trusted key for this index";

  /**
   * An index read back.
   *
   * @param index its records
   * @param signature OK, BAD or UNTRUSTED (also when unsigned)
   * @param keyName the key checked, or null
   * @param problems format problems and a non-OK signature, one line each
   */
  public record Read(ApkIndex index, VerifyResult signature, String keyName, List<String> problems) {
    /** Copies the list. */
    public Read {
      problems = List.copyOf(problems);
    }

    /**
     * The problems that still count under apk's {@code --allow-untrusted}: an index that is
     * unsigned or signed by an unknown key passes, a bad signature by a known key does not.
     */
    public List<String> problemsAllowingUntrusted() {
      return problems.stream().filter(p -> !p.equals(UNSIGNED) && !p.equals(UNTRUSTED)).toList();
    }
  }

  /** The unsigned part: one gzip member with the tar. @throws IOException never for memory streams */
  public static byte[] unsigned(ApkIndex index, long epoch) throws IOException {
    byte[] text = index.render().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream buf = new ByteArrayOutputStream(text.length / 8 + 1024);
    // Large repositories have megabytes of index text: compress on all cores (same bytes either way).
    try (OutputStream gz = Gzip.member(buf, Gzip.DATA_LEVEL, Runtime.getRuntime().availableProcessors())) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      if (index.description() != null) {
        byte[] d = index.description().getBytes(StandardCharsets.UTF_8);
        tar.write(TarEntry.file("DESCRIPTION", 0644, d.length, epoch, null), d);
      }
      tar.write(TarEntry.file("APKINDEX", 0644, text.length, epoch, null), text);
      tar.finish(TarSegmentWriter.Trailer.END_BLOCKS);
    }
    return buf.toByteArray();
  }

  /** Signs an unsigned index body: the signature member goes in front. @throws IOException never for memory streams */
  public static byte[] sign(byte[] unsignedBody, SigningKey key, List<SignatureType> types, long epoch)
      throws IOException {
    byte[] sig = SignatureMember.build(key, types, unsignedBody, epoch);
    byte[] out = Arrays.copyOf(sig, sig.length + unsignedBody.length);
    System.arraycopy(unsignedBody, 0, out, sig.length, unsignedBody.length);
    return out;
  }

  /**
   * Writes {@code target} atomically, signed with {@code key} ({@code .SIGN.RSA256.}) or unsigned when null.
   *
   * @throws PkgbuildException when the file cannot be written
   */
  public static void write(Path target, ApkIndex index, SigningKey key, long epoch) throws PkgbuildException {
    try {
      AtomicFiles.write(target, render(index, key, epoch));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write " + target + ": " + e.getMessage());
    }
  }

  /** The whole file, signed with {@code key} or unsigned when null. @throws IOException never for memory streams */
  public static byte[] render(ApkIndex index, SigningKey key, long epoch) throws IOException {
    return signedOrNot(unsigned(index, epoch), key, epoch);
  }

  private static byte[] signedOrNot(byte[] body, SigningKey key, long epoch) throws IOException {
    return key == null ? body : sign(body, key, List.of(SignatureType.RSA256), epoch);
  }

  /** Reads and verifies an index file. @throws PkgbuildException when it is missing or unreadable */
  public static Read read(Path file, TrustedKeys keys) throws PkgbuildException {
    try {
      return read(Files.readAllBytes(file), keys, file.toString());
    } catch (NoSuchFileException e) {
      throw PkgbuildException.badInput(file + ": no such file");
    } catch (IOException e) {
      throw PkgbuildException.badInput(file + ": " + e.getMessage());
    }
  }

  /** Reads and verifies index bytes named {@code name} in messages. @throws PkgbuildException when unreadable */
  public static Read read(byte[] bytes, TrustedKeys keys, String name) throws PkgbuildException {
    try {
      return new IndexReading(bytes, keys).run();
    } catch (EOFException e) {
      throw PkgbuildException.badInput(name + ": truncated: " + e.getMessage());
    } catch (IOException e) {
      throw PkgbuildException.badInput(name + ": " + e.getMessage());
    } catch (PkgbuildException e) {
      throw PkgbuildException.badInput(name + ": " + e.getMessage());
    }
  }

  /** The bytes after the signature member (what a new signature must cover). @throws PkgbuildException when unreadable */
  public static byte[] stripSignature(byte[] bytes, String name) throws PkgbuildException {
    try {
      GzipMembers g = new GzipMembers(new ByteArrayInputStream(bytes));
      List<String> names = new ArrayList<>();
      try (InputStream m = new InflateBound(g.next((b, o, l) -> {}), bytes.length, "the index")) {
        TarReader r = new TarReader(m);
        for (TarReader.Item i; (i = r.next()) != null; ) {
          names.add(i.entry().name());
        }
        m.transferTo(OutputStream.nullOutputStream());
      }
      boolean signed = !names.isEmpty() && names.stream().allMatch(n -> n.startsWith(".SIGN."));
      return signed ? Arrays.copyOfRange(bytes, (int) g.offset(), bytes.length) : bytes;
    } catch (IOException e) {
      throw PkgbuildException.badInput(name + ": " + e.getMessage());
    }
  }
}
