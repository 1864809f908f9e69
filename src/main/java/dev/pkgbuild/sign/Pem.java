package dev.pkgbuild.sign;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;

/** PEM reading and writing; parsing goes through Bouncy Castle, keys end up as JDK keys. */
final class Pem {
  private Pem() {}

  /**
   * Reads the first key object of a PEM file, skipping EC parameter blocks that
   * {@code openssl ecparam -genkey} puts first so that such a file is reported as EC.
   */
  static Object read(Path file, String what) throws PkgbuildException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object obj = parser.readObject();
      while (obj instanceof ASN1ObjectIdentifier) {
        obj = parser.readObject();
      }
      if (obj == null) {
        throw PkgbuildException.badInput(file + ": not a PEM " + what + " (no BEGIN line found)");
      }
      return obj;
    } catch (NoSuchFileException e) {
      throw PkgbuildException.badInput(file + ": " + what + " file not found", e);
    } catch (IOException | RuntimeException e) {
      // PEMParser reports bad base64 and bad DER as IOException or IllegalArgumentException.
      throw PkgbuildException.badInput(file + ": bad PEM " + what + ": " + oneLine(e), e);
    }
  }

  /** Converts a SubjectPublicKeyInfo (also what PKCS#1 {@code RSA PUBLIC KEY} parses to) to a JDK key. */
  static RSAPublicKey publicKey(SubjectPublicKeyInfo info) throws IOException, GeneralSecurityException {
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
  }

  /** Whether an algorithm identifier is plain RSA (not PSS, EC, Ed25519 or DSA). */
  static boolean isRsa(AlgorithmIdentifier alg) {
    return PKCSObjectIdentifiers.rsaEncryption.equals(alg.getAlgorithm());
  }

  /** A readable name for a key algorithm, for error messages. */
  static String algorithmName(AlgorithmIdentifier alg) {
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      return "EC";
    } else if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
      return "Ed25519";
    } else if (X9ObjectIdentifiers.id_dsa.equals(oid)) {
      return "DSA";
    } else if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
      return "RSA-PSS";
    }
    return oid.getId();
  }

  /** Encodes DER as PEM text with 64-column lines, as openssl writes it. */
  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse("").toLowerCase(java.util.Locale.ROOT);
  }
}
