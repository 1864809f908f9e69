package dev.pkgbuild.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and signatures exchanged with the real openssl, which abuild-sign uses. */
class OpensslInteropTest {
  @TempDir Path tmp;
  private Path priv;
  private Path keysDir;
  private Path data;

  @BeforeEach
  void makeKeyPairWithOpenssl() throws Exception {
    Requires.tool("openssl");
    priv = tmp.resolve("ossl.rsa");
    keysDir = Files.createDirectories(tmp.resolve("keys"));
    openssl("genrsa", "-out", priv.toString(), "2048");
    openssl("rsa", "-in", priv.toString(), "-pubout", "-out", keysDir.resolve("ossl.rsa.pub").toString());
    data = tmp.resolve("data");
    Files.writeString(data, "the control and data streams\n".repeat(1000), StandardCharsets.US_ASCII);
  }

  @Test
  void sign_opensslKey_opensslVerifiesSha256AndSha1() throws Exception {
    SigningKey key = SigningKey.load(priv);
    assertEquals("ossl.rsa.pub", key.keyName());
    byte[] bytes = Files.readAllBytes(data);
    for (String[] pair : new String[][] {{"-sha256", "RSA256"}, {"-sha1", "RSA"}, {"-sha512", "RSA512"}}) {
      Path sig = tmp.resolve("sig" + pair[1]);
      Files.write(sig, key.sign(bytes, SignatureType.valueOf(pair[1])));
      String out = openssl("dgst", pair[0], "-verify", keysDir.resolve("ossl.rsa.pub").toString(),
          "-signature", sig.toString(), data.toString());
      assertTrue(out.contains("Verified OK"), out);
    }
  }

  @Test
  void verify_opensslSignatures_ok() throws Exception {
    TrustedKeys trusted = TrustedKeys.in(keysDir);
    byte[] bytes = Files.readAllBytes(data);
    for (String[] pair : new String[][] {{"-sha256", "RSA256"}, {"-sha1", "RSA"}}) {
      Path sig = tmp.resolve("osig" + pair[1]);
      openssl("dgst", pair[0], "-sign", priv.toString(), "-out", sig.toString(), data.toString());
      assertEquals(VerifyResult.OK, trusted.verify("ossl.rsa.pub", SignatureType.valueOf(pair[1]), bytes,
          Files.readAllBytes(sig)));
    }
  }

  @Test
  void load_opensslPkcs1AndPkcs8Forms_sameKey() throws Exception {
    Path pkcs1 = tmp.resolve("traditional.rsa");
    Path pkcs8 = tmp.resolve("pkcs8.rsa");
    openssl("rsa", "-in", priv.toString(), "-traditional", "-out", pkcs1.toString());
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", priv.toString(), "-out", pkcs8.toString());
    assertTrue(Files.readString(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    assertTrue(Files.readString(pkcs8).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals(SigningKey.load(pkcs1).publicKey(), SigningKey.load(pkcs8).publicKey());
  }

  @Test
  void load_opensslEncryptedPkcs8_saysEncrypted() throws Exception {
    Path enc = tmp.resolve("enc.rsa");
    openssl("pkcs8", "-topk8", "-in", priv.toString(), "-passout", "pass:secret", "-out", enc.toString());
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> SigningKey.load(enc));
    assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
  }

  @Test
  void publicKeyPem_matchesOpensslPubout() throws Exception {
    assertEquals(Files.readString(keysDir.resolve("ossl.rsa.pub")), SigningKey.load(priv).publicKeyPem());
  }

  private String openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    return out;
  }
}
