package dev.pkgbuild.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.sign.SignatureType.SignatureName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureTypeTest {
  @Test
  void parse_rsa256_typeAndKeyName() {
    assertEquals(Optional.of(new SignatureName(SignatureType.RSA256, "foo.rsa.pub")),
        SignatureType.parse(".SIGN.RSA256.foo.rsa.pub"));
  }

  @Test
  void parse_rsaAndRsa512_distinguished() {
    assertEquals(SignatureType.RSA, SignatureType.parse(".SIGN.RSA.k.pub").orElseThrow().type());
    assertEquals(SignatureType.RSA512, SignatureType.parse(".SIGN.RSA512.k.pub").orElseThrow().type());
  }

  @Test
  void parse_unknownOrMalformed_empty() {
    assertEquals(Optional.empty(), SignatureType.parse(".SIGN.DSA.k.pub"));
    assertEquals(Optional.empty(), SignatureType.parse(".SIGN.RSA256"));
    assertEquals(Optional.empty(), SignatureType.parse(".SIGN.RSA."));
    assertEquals(Optional.empty(), SignatureType.parse(".SIGN.RSA.a/b.pub"));
    assertEquals(Optional.empty(), SignatureType.parse(".PKGINFO"));
    assertEquals(Optional.empty(), SignatureType.parse(".SIGN.RSA2.k"));
  }

  @Test
  void fileName_roundTrips() {
    for (SignatureType t : SignatureType.values()) {
      String name = t.fileName("acme-1a2b3c4d.rsa.pub");
      assertEquals(name, SignatureType.parse(name).orElseThrow().fileName());
    }
  }
}
