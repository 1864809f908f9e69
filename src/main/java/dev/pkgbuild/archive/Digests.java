package dev.pkgbuild.archive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The few digest helpers the archive and apk code share. */
public final class Digests {
  private Digests() {}

  /** A JDK message digest every Java runtime provides ({@code SHA-1}, {@code SHA-256}, {@code SHA-512}). */
  public static MessageDigest of(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
    }
  }

  /** SHA-1 of a byte array. */
  public static byte[] sha1(byte[] data) {
    return of("SHA-1").digest(data);
  }

  /** SHA-1 of everything {@code in} yields. @throws IOException when reading fails */
  public static byte[] sha1(InputStream in) throws IOException {
    MessageDigest md = of("SHA-1");
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
