package dev.pkgbuild.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {
  @TempDir Path keys;
  private final byte[] data = "index bytes".getBytes(StandardCharsets.UTF_8);
  private TrustedKeys trusted;

  @BeforeEach
  void writeKeys() throws Exception {
    Files.writeString(keys.resolve("test.rsa.pub"), TestKeys.key().publicKeyPem());
    trusted = TrustedKeys.in(keys);
  }

  @Test
  void verify_signedData_ok() {
    byte[] sig = TestKeys.key().sign(data, SignatureType.RSA256);
    assertEquals(VerifyResult.OK, trusted.verify("test.rsa.pub", SignatureType.RSA256, data, sig));
  }

  @Test
  void verify_tamperedData_bad() {
    byte[] sig = TestKeys.key().sign(data, SignatureType.RSA);
    byte[] tampered = data.clone();
    tampered[3] ^= 1;
    assertEquals(VerifyResult.BAD, trusted.verify("test.rsa.pub", SignatureType.RSA, tampered, sig));
  }

  @Test
  void verify_wrongTypeOrTruncatedSignature_bad() {
    byte[] sig = TestKeys.key().sign(data, SignatureType.RSA);
    assertEquals(VerifyResult.BAD, trusted.verify("test.rsa.pub", SignatureType.RSA256, data, sig));
    byte[] shortSig = java.util.Arrays.copyOf(sig, 10);
    assertEquals(VerifyResult.BAD, trusted.verify("test.rsa.pub", SignatureType.RSA, data, shortSig));
  }

  @Test
  void verify_otherKeysSignature_bad() {
    byte[] sig = TestKeys.other().sign(data, SignatureType.RSA256);
    assertEquals(VerifyResult.BAD, trusted.verify("test.rsa.pub", SignatureType.RSA256, data, sig));
  }

  @Test
  void verify_unknownKey_untrusted() {
    byte[] sig = TestKeys.other().sign(data, SignatureType.RSA256);
    assertEquals(VerifyResult.UNTRUSTED, trusted.verify("other.rsa.pub", SignatureType.RSA256, data, sig));
    assertEquals(VerifyResult.UNTRUSTED, trusted.verify("../x.pub", SignatureType.RSA256, data, sig));
  }

  @Test
  void verify_privateKeyUnderPubName_untrusted() throws Exception {
    TestKeys.writePkcs1(keys.resolve("priv.rsa.pub"), TestKeys.key());
    byte[] sig = TestKeys.key().sign(data, SignatureType.RSA256);
    assertEquals(VerifyResult.UNTRUSTED, trusted.verify("priv.rsa.pub", SignatureType.RSA256, data, sig));
  }

  @Test
  void verify_pkcs1PublicKeyFile_ok() throws Exception {
    byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(TestKeys.key().publicKey().getEncoded())
        .parsePublicKey().getEncoded();
    Files.writeString(keys.resolve("mykey"), Pem.encode("RSA PUBLIC KEY", pkcs1));
    byte[] sig = TestKeys.key().sign(data, SignatureType.RSA512);
    assertEquals(VerifyResult.OK, trusted.verify("mykey", SignatureType.RSA512, data, sig));
  }

  @Test
  void verify_stream_sameAsBytes() throws Exception {
    byte[] sig = TestKeys.key().sign(data, SignatureType.RSA256);
    assertEquals(VerifyResult.OK,
        trusted.verify("test.rsa.pub", SignatureType.RSA256, new ByteArrayInputStream(data), sig));
    assertEquals(VerifyResult.BAD,
        trusted.verify("test.rsa.pub", SignatureType.RSA256, new ByteArrayInputStream(new byte[3]), sig));
  }

  @Test
  void loadPublicKey_sharedOracleKey_rsa4096() throws Exception {
    Path oracle = Requires.shared().resolve("testdata/apk/keys/oracle-test.rsa.pub");
    Requires.that(Files.isRegularFile(oracle), "missing " + oracle);
    assertEquals(4096, TrustedKeys.loadPublicKey(oracle).getModulus().bitLength());
    assertTrue(TrustedKeys.in(oracle.getParent()).key("oracle-test.rsa.pub").isPresent());
  }

  @Test
  void loadPublicKey_badPem_oneLineNamingFile() throws Exception {
    Path f = keys.resolve("bad.pub");
    Files.writeString(f, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> TrustedKeys.loadPublicKey(f));
    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
  }
}
