package dev.pkgbuild.sign;

import java.io.IOException;
import java.io.InputStream;
import java.security.Signature;
import java.security.SignatureException;

/** Feeding data into a JCA signature, shared by signing and verifying. */
final class Digests {
  private static final int CHUNK = 1 << 16;

  private Digests() {}

  /** Something that pushes the signed data into a signature object. */
  @FunctionalInterface
  interface Feed {
    void into(Signature s) throws IOException, SignatureException;
  }

  /** Reads a stream to its end in chunks, updating the signature. */
  static void feed(Signature s, InputStream in) throws IOException, SignatureException {
    byte[] buf = new byte[CHUNK];
    for (int n; (n = in.read(buf)) >= 0; ) {
      s.update(buf, 0, n);
    }
  }
}
