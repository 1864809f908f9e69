package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package signature is what {@code openssl dgst -sha256 -verify} accepts over the control member. */
class ApkOpensslTest {
  @Test
  void signature_ourPackage_verifiesWithOpenssl(@TempDir Path tmp) throws Exception {
    Requires.tool("openssl");
    ApkWriterTest.key();
    ApkContents c = ApkReader.read(ApkWriterTest.write(tmp, "a", 1));
    Files.write(tmp.resolve("control.gz"), c.controlMember());
    Files.write(tmp.resolve("sig"), c.signatures().get(0).value());
    Files.writeString(tmp.resolve("pub.pem"), ApkWriterTest.key.publicKeyPem());
    Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig",
        "control.gz").directory(tmp.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertEquals("Verified OK", out.strip());
  }
}
