package dev.pkgbuild.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Native digests through NSS must give exactly the JDK's bytes, for every length and in pieces. */
class NssTest {
  static boolean hostHasNss() {
    return Files.isRegularFile(Path.of("/usr/lib/x86_64-linux-gnu/libsoftokn3.so"))
        || Files.isRegularFile(Path.of("/usr/lib/aarch64-linux-gnu/libsoftokn3.so"))
        || Files.isRegularFile(Path.of("/usr/lib64/libsoftokn3.so"));
  }

  @Test
  void digest_onHostWithNss_isNativeAndSameBytesAsTheJdk() throws Exception {
    Requires.that(hostHasNss(), "libnss3 is not installed");
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(data);
    for (String alg : new String[] {"SHA-1", "SHA-256", "SHA-512"}) {
      for (int len : new int[] {0, 1, 63, 64, 5000, data.length}) {
        MessageDigest nss = Nss.digest(alg);
        assertEquals("SunPKCS11-pkgbuild-nss", nss.getProvider().getName(), alg);
        // fed in uneven pieces, then reused after digest(): both must not change the result
        for (int off = 0; off < len; off += 1000) {
          nss.update(data, off, Math.min(1000, len - off));
        }
        byte[] first = nss.digest();
        nss.update(data, 0, len);
        byte[] again = nss.digest();
        byte[] jdk = MessageDigest.getInstance(alg, "SUN").digest(java.util.Arrays.copyOf(data, len));
        assertArrayEquals(jdk, first, alg + " of " + len + " bytes");
        assertArrayEquals(jdk, again, alg + " of " + len + " bytes, digest reused");
      }
    }
  }

  @Test
  void digestIfLoaded_onceLoaded_isNative() {
    Requires.that(hostHasNss(), "libnss3 is not installed");
    assertNotNull(Nss.start().join());
    assertEquals("SunPKCS11-pkgbuild-nss", Nss.digestIfLoaded("SHA-256").getProvider().getName());
  }
}
