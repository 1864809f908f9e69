package dev.pkgbuild.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyGeneratorTest {
  @TempDir Path tmp;

  @Test
  void generateFiles_default4096_loadsBackAndSignaturesVerify() throws Exception {
    Path dir = tmp.resolve("keys");
    KeyPairFiles files = KeyGenerator.generateFiles(dir, Optional.empty());
    String keyName = files.keyName();
    assertTrue(keyName.matches("pkgbuild-[0-9a-f]{8}\\.rsa\\.pub"), keyName);
    assertEquals(dir.resolve(keyName.replace(".pub", "")), files.privateKey());
    assertEquals("/etc/apk/keys/" + keyName, files.installedPath());

    SigningKey loaded = SigningKey.load(files.privateKey());
    assertEquals(keyName, loaded.keyName());
    assertEquals(4096, loaded.publicKey().getModulus().bitLength());
    assertEquals(KeyGenerator.defaultName(loaded.publicKey()) + ".rsa.pub", keyName);
    assertTrue(Files.readString(files.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));
    assertTrue(Files.readString(files.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----\n"));

    byte[] data = {1, 2, 3};
    byte[] sig = loaded.sign(data, SignatureType.RSA256);
    assertEquals(512, sig.length);
    assertEquals(VerifyResult.OK, TrustedKeys.in(dir).verify(keyName, SignatureType.RSA256, data, sig));
  }

  @Test
  void writeFiles_modes_0600And0644() throws Exception {
    KeyPairFiles files = KeyGenerator.writeFiles(tmp, TestKeys.key());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey())));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.publicKey())));
    assertEquals(tmp.resolve("test.rsa"), files.privateKey());
  }

  @Test
  void writeFiles_existingPrivateKey_refusedAndUntouched() throws Exception {
    Path priv = tmp.resolve("test.rsa");
    Files.writeString(priv, "precious");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> KeyGenerator.writeFiles(tmp, TestKeys.key()));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
    assertEquals("precious", Files.readString(priv));
    assertTrue(Files.notExists(tmp.resolve("test.rsa.pub")));
  }

  @Test
  void writeFiles_existingPublicKey_refused() throws Exception {
    Files.writeString(tmp.resolve("test.rsa.pub"), "old");
    assertThrows(PkgbuildException.class, () -> KeyGenerator.writeFiles(tmp, TestKeys.key()));
    assertTrue(Files.notExists(tmp.resolve("test.rsa")));
  }

  @Test
  void generate_nameWithRsaSuffix_notDoubled() throws Exception {
    assertEquals("acme.rsa.pub", KeyGenerator.generate(2048, Optional.of("acme.rsa")).keyName());
  }

  @Test
  void generate_nameWithSlash_badInput() {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> KeyGenerator.generate(2048, Optional.of("../evil")));
    assertTrue(e.getMessage().startsWith("key name '../evil'"), e.getMessage());
  }
}
