package dev.pkgbuild.apk;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import dev.pkgbuild.sign.SignatureType;
import dev.pkgbuild.sign.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Decompression bombs: well-formed, signed packages whose data member is one file of zeros,
 * compressed about 1000:1. Made without deflating the zeros more than once: each MiB is
 * deflated after a full flush, so its compressed bytes are the same every time and are
 * simply repeated.
 */
public final class Bombs {
  private Bombs() {}

  private static final int MIB = 1 << 20;

  /**
   * Writes {@code dir/<name>-1.0-r0.apk}, whose data inflates to {@code mib} MiB and a bit, all
   * of it the content of file {@code big}; {@code declaredSize} is its {@code .PKGINFO} size
   * (the truth, or a lie).
   */
  public static Path write(Path dir, SigningKey key, String name, int mib, long declaredSize) throws IOException {
    return write(dir, key, name, mib, declaredSize, true);
  }

  /**
   * As {@link #write(Path, SigningKey, String, int, long)}; with {@code inFile} false the file
   * {@code big} is empty and the zeros follow the tar's end, where no tar header announces them.
   */
  public static Path write(Path dir, SigningKey key, String name, int mib, long declaredSize, boolean inFile)
      throws IOException {
    Path data = Files.createTempFile(dir, ".bomb-", ".gz");
    MessageDigest sha256 = Digests.of("SHA-256");
    try (OutputStream out = new java.security.DigestOutputStream(
        new java.io.BufferedOutputStream(Files.newOutputStream(data), 1 << 16), sha256)) {
      zeros(out, "big", inFile ? mib * (long) MIB : 0, mib);
    }
    PkgInfo info = PkgInfo.builder(name, "1.0-r0").arch("x86_64").pkgdesc("bomb").size(declaredSize)
        .datahash(Digests.hex(sha256.digest())).build();
    byte[] control = control(info);
    Path apk = dir.resolve(name + "-1.0-r0.apk");
    try (OutputStream out = Files.newOutputStream(apk)) {
      out.write(SignatureMember.build(key, List.of(SignatureType.RSA256), control, 0));
      out.write(control);
      Files.copy(data, out);
    }
    Files.delete(data);
    return apk;
  }

  /** An unsigned index whose {@code APKINDEX} member is {@code mib} MiB of zeros. */
  public static byte[] index(int mib) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    zeros(out, "APKINDEX", mib * (long) MIB, mib);
    return out.toByteArray();
  }

  /**
   * One gzip member: a tar header for {@code entry} of {@code size} bytes, {@code mib} MiB of
   * zeros (its content when the size says so, else trailing blocks) and the end blocks.
   */
  private static void zeros(OutputStream out, String entry, long size, int mib) throws IOException {
    byte[] header = tarHeader(entry, size);
    Deflater d = new Deflater(9, true);
    byte[] first = flushed(d, header);
    byte[] zeros = new byte[MIB];
    byte[] chunk = flushed(d, zeros);
    byte[] last = finished(d, new byte[1024]); // the tar's end-of-archive blocks
    d.end();
    CRC32 crc = new CRC32();
    crc.update(header);
    for (int i = 0; i < mib; i++) {
      crc.update(zeros);
    }
    crc.update(new byte[1024]);
    long inflated = header.length + mib * (long) MIB + 1024;
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.write(first);
    for (int i = 0; i < mib; i++) {
      out.write(chunk);
    }
    out.write(last);
    out.write(le32(crc.getValue()));
    out.write(le32(inflated));
  }

  private static byte[] tarHeader(String entry, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new TarSegmentWriter(out).write(TarEntry.file(entry, 0644, size, 0, null), new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException("header written");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          throw new IOException("header written");
        }
      });
    } catch (IOException expected) {
      // only the header was wanted; the content is the repeated chunk
    }
    return out.toByteArray();
  }

  private static byte[] control(PkgInfo info) throws IOException {
    byte[] text = info.render().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream gz = Gzip.member(buf, Gzip.SMALL_LEVEL)) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      tar.write(TarEntry.file(".PKGINFO", 0644, text.length, 0, null), text);
      tar.finish(TarSegmentWriter.Trailer.OMIT);
    }
    return buf.toByteArray();
  }

  /** Deflates {@code input} and flushes fully: byte-aligned, history reset, so equal input gives equal bytes. */
  private static byte[] flushed(Deflater d, byte[] input) {
    d.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    int n;
    do {
      n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
      out.write(buf, 0, n);
    } while (n == buf.length);
    return out.toByteArray();
  }

  private static byte[] finished(Deflater d, byte[] input) {
    d.setInput(input);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    return out.toByteArray();
  }

  private static byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }
}
