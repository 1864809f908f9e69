package dev.pkgbuild.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  @TempDir Path tmp;

  @Test
  void load_pkcs1Pem_sameKeyAndNameFromFile() throws Exception {
    SigningKey loaded = SigningKey.load(TestKeys.writePkcs1(tmp.resolve("acme.rsa"), TestKeys.key()));
    assertEquals("acme.rsa.pub", loaded.keyName());
    assertEquals(TestKeys.key().publicKey(), loaded.publicKey());
  }

  @Test
  void load_pkcs8Pem_sameKey() throws Exception {
    SigningKey loaded = SigningKey.load(TestKeys.writePkcs8(tmp.resolve("k8.rsa"), TestKeys.key()));
    assertEquals("k8.rsa.pub", loaded.keyName());
    assertEquals(TestKeys.key().publicKey(), loaded.publicKey());
  }

  @Test
  void load_badBase64_oneLineNamingFile() throws Exception {
    Path f = tmp.resolve("bad.rsa");
    Files.writeString(f, "-----BEGIN RSA PRIVATE KEY-----\n!!!not base64***\n-----END RSA PRIVATE KEY-----\n");
    assertBadInput(f, "bad pem private key");
  }

  @Test
  void load_noPemAtAll_saysNoBeginLine() throws Exception {
    Path f = tmp.resolve("plain.rsa");
    Files.writeString(f, "hello\n");
    assertBadInput(f, "no begin line");
  }

  @Test
  void load_garbageDer_oneLine() throws Exception {
    Path f = tmp.resolve("der.rsa");
    String body = Base64.getEncoder().encodeToString("not a key at all".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(f, "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n");
    assertBadInput(f, "bad pem private key");
  }

  @Test
  void load_missingFile_saysNotFound() {
    assertBadInput(tmp.resolve("nope.rsa"), "not found");
  }

  @Test
  void load_encryptedPkcs1_saysEncrypted() throws Exception {
    Path f = tmp.resolve("enc.rsa");
    Files.writeString(f, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
        + Base64.getEncoder().encodeToString(new byte[64]) + "\n-----END RSA PRIVATE KEY-----\n");
    assertBadInput(f, "encrypted");
  }

  @Test
  void load_ecKey_saysNeedsRsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    Path f = tmp.resolve("ec.rsa");
    Files.writeString(f, Pem.encode("PRIVATE KEY", g.generateKeyPair().getPrivate().getEncoded()));
    assertBadInput(f, "ec key; apk signatures need an rsa key");
  }

  @Test
  void load_publicKeyFile_saysNeedsPrivate() throws Exception {
    Path f = tmp.resolve("x.rsa.pub");
    Files.writeString(f, TestKeys.key().publicKeyPem());
    assertBadInput(f, "public key");
  }

  @Test
  void sign_everyType_verifiesAndHasModulusLength() {
    byte[] data = "control stream bytes".getBytes(StandardCharsets.UTF_8);
    TrustedKeys trusted = TrustedKeys.of(TestKeys.key());
    for (SignatureType type : SignatureType.values()) {
      byte[] sig = TestKeys.key().sign(data, type);
      assertEquals(256, sig.length);
      assertEquals(VerifyResult.OK, trusted.verify("test.rsa.pub", type, data, sig), type.name());
    }
  }

  @Test
  void sign_streamAndBytes_sameSignature() throws Exception {
    byte[] data = new byte[200_000];
    new java.util.Random(1).nextBytes(data);
    byte[] fromBytes = TestKeys.key().sign(data, SignatureType.RSA256);
    byte[] fromStream = TestKeys.key().sign(new ByteArrayInputStream(data), SignatureType.RSA256);
    assertArrayEquals(fromBytes, fromStream); // PKCS#1 v1.5 signatures are deterministic
  }

  @Test
  void sign_differentTypes_differentSignatures() {
    byte[] data = {1, 2, 3};
    assertFalse(java.util.Arrays.equals(TestKeys.key().sign(data, SignatureType.RSA),
        TestKeys.key().sign(data, SignatureType.RSA256)));
  }

  @Test
  void publicKeyPem_loadsBack() throws Exception {
    Path f = tmp.resolve("p.rsa.pub");
    Files.writeString(f, TestKeys.key().publicKeyPem());
    assertTrue(TestKeys.key().publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertEquals(TestKeys.key().publicKey(), TrustedKeys.loadPublicKey(f));
  }

  private static void assertBadInput(Path f, String fragment) {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> SigningKey.load(f));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
    assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains(fragment), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
