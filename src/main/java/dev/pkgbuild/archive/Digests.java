package dev.pkgbuild.archive;

import dev.pkgbuild.io.Nss;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The few digest helpers the archive and apk code share. */
public final class Digests {
  private Digests() {}

  /**
   * A message digest every Java runtime provides ({@code SHA-1}, {@code SHA-256}, {@code
   * SHA-512}); native once the host's NSS has loaded ({@link Nss}), never waiting for it.
   */
  public static MessageDigest of(String algorithm) {
    return Nss.digestIfLoaded(algorithm);
  }

  /** The same for much data (a package's files): waits for NSS to load, once, when the host has it. */
  public static MessageDigest bulk(String algorithm) {
    return Nss.digest(algorithm);
  }

  /** SHA-1 of a byte array. */
  public static byte[] sha1(byte[] data) {
    return of("SHA-1").digest(data);
  }

  /** SHA-1 of everything {@code in} yields. @throws IOException when reading fails */
  public static byte[] sha1(InputStream in) throws IOException {
    return digest(of("SHA-1"), in);
  }

  /** {@code md}'s digest of everything {@code in} yields; {@code md} is reset. @throws IOException when reading fails */
  public static byte[] digest(MessageDigest md, InputStream in) throws IOException {
    // Called once per file of a package: 16 KiB keeps small files cheap and big ones streaming.
    byte[] buf = new byte[1 << 14];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return md.digest();
  }

  /** Lowercase hex. */
  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
