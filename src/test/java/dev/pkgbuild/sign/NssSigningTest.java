package dev.pkgbuild.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pkgbuild.io.Nss;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import org.junit.jupiter.api.Test;

/** Native signing through NSS must give exactly the bytes the JDK's own RSA gives. */
class NssSigningTest {
  private static boolean hostHasNss() {
    return Files.isRegularFile(Path.of("/usr/lib/x86_64-linux-gnu/libsoftokn3.so"))
        || Files.isRegularFile(Path.of("/usr/lib/aarch64-linux-gnu/libsoftokn3.so"))
        || Files.isRegularFile(Path.of("/usr/lib64/libsoftokn3.so"));
  }

  @Test
  void provider_onHostWithNss_loads() {
    Requires.that(hostHasNss(), "libnss3 is not installed");
    assertNotNull(Nss.provider());
  }

  @Test
  void sign_everyType_sameBytesAsTheJdk() throws Exception {
    Requires.that(hostHasNss(), "libnss3 is not installed");
    SigningKey key = TestKeys.key();
    key.prepare();
    byte[] data = "control segment bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (SignatureType type : SignatureType.values()) {
      Signature jdk = Signature.getInstance(type.jcaAlgorithm(), "SunRsaSign");
      jdk.initSign(key.privateKey());
      jdk.update(data);
      assertArrayEquals(jdk.sign(), key.sign(data, type), type.name());
      assertEquals("SunPKCS11-pkgbuild-nss", key.nativeSigner(type).getProvider().getName(), type.name());
    }
    org.junit.jupiter.api.Assertions.assertTrue(key.signsNatively(), "a signature fell back to Java");
  }
}
