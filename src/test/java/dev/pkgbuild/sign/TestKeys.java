package dev.pkgbuild.sign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** Small keys for tests, made once per run: 4096-bit generation is slow and tested separately. */
final class TestKeys {
  private TestKeys() {}

  private static final class Holder {
    static final SigningKey KEY = make("test");
    static final SigningKey OTHER = make("other");

    private static SigningKey make(String name) {
      try {
        return KeyGenerator.generate(2048, Optional.of(name));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static SigningKey key() {
    return Holder.KEY;
  }

  static SigningKey other() {
    return Holder.OTHER;
  }

  /** Writes the key as PKCS#1 {@code RSA PRIVATE KEY} PEM. */
  static Path writePkcs1(Path file, SigningKey key) throws IOException {
    byte[] pkcs1 = PrivateKeyInfo.getInstance(key.privateKey().getEncoded()).parsePrivateKey()
        .toASN1Primitive().getEncoded();
    Files.writeString(file, Pem.encode("RSA PRIVATE KEY", pkcs1));
    return file;
  }

  /** Writes the key as PKCS#8 {@code PRIVATE KEY} PEM. */
  static Path writePkcs8(Path file, SigningKey key) throws IOException {
    Files.writeString(file, Pem.encode("PRIVATE KEY", key.privateKey().getEncoded()));
    return file;
  }
}
