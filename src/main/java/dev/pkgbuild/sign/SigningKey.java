package dev.pkgbuild.sign;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.Nss;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * An RSA private key with the name of its public key file, the name apk looks up in
 * {@code /etc/apk/keys} (for example {@code acme-1a2b3c4d.rsa.pub}). Signing uses the host's
 * NSS through the JDK's PKCS#11 provider when there is one ({@link Nss}), else the JDK's
 * own RSA provider; Bouncy Castle only parses PEM and is never registered as a provider.
 */
public final class SigningKey {
  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyName;
  private PrivateKey nssKey;
  private volatile boolean nativeUsable = true;

  SigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, String keyName) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.keyName = Objects.requireNonNull(keyName, "keyName");
  }

  /**
   * Loads an unencrypted RSA private key in the PEM forms melange, abuild and openssl write:
   * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or PKCS#8 ({@code BEGIN PRIVATE KEY}). The key
   * name is the file name plus {@code .pub}.
   *
   * @throws PkgbuildException (bad input) naming the file when it is missing, not PEM,
   *     encrypted, a public key, or not RSA
   */
  public static SigningKey load(Path privatePem) throws PkgbuildException {
    PrivateKeyInfo info = privateKeyInfo(privatePem, Pem.read(privatePem, "private key"));
    if (!Pem.isRsa(info.getPrivateKeyAlgorithm())) {
      throw PkgbuildException.badInput(privatePem + ": " + Pem.algorithmName(info.getPrivateKeyAlgorithm())
          + " key; apk signatures need an RSA key");
    }
    try {
      var converter = new JcaPEMKeyConverter();
      if (!(converter.getPrivateKey(info) instanceof RSAPrivateCrtKey key)) {
        throw PkgbuildException.badInput(privatePem + ": RSA key without CRT parameters is not supported");
      }
      var spec = new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent());
      var pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
      return new SigningKey(key, pub, privatePem.getFileName() + ".pub");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw PkgbuildException.badInput(privatePem + ": unreadable RSA private key: " + e.getMessage(), e);
    }
  }

  private static PrivateKeyInfo privateKeyInfo(Path file, Object pem) throws PkgbuildException {
    if (pem instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    } else if (pem instanceof PrivateKeyInfo info) {
      return info;
    } else if (pem instanceof PEMEncryptedKeyPair || pem instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw PkgbuildException.badInput(file + ": private key is encrypted; decrypt it first with"
          + " 'openssl pkey -in " + file + " -out DECRYPTED'");
    } else if (pem instanceof SubjectPublicKeyInfo) {
      throw PkgbuildException.badInput(file + ": this is a public key; signing needs the private key");
    }
    throw PkgbuildException.badInput(file + ": not a private key (found " + pem.getClass().getSimpleName() + ")");
  }

  /** The public key file name apk looks up, for example {@code acme.rsa.pub}. */
  public String keyName() {
    return keyName;
  }

  /** The public half. */
  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public key as SubjectPublicKeyInfo PEM ({@code BEGIN PUBLIC KEY}), as apk reads it. */
  public String publicKeyPem() {
    return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
  }

  /** The modulus size in bytes, which is also the length of every signature. */
  public int signatureLength() {
    return (publicKey.getModulus().bitLength() + 7) / 8;
  }

  /**
   * Signs bytes; the result is what {@code openssl dgst -sha256 -sign} writes for RSA256.
   * Natively when the host's NSS takes this key (see {@link Nss}); should NSS fail at
   * any point, this key signs in Java from then on, with the same bytes.
   */
  public byte[] sign(byte[] data, SignatureType type) {
    if (nativeUsable) {
      try {
        Signature s = nativeSigner(type);
        if (s != null) {
          s.update(data);
          return s.sign();
        }
      } catch (GeneralSecurityException | ProviderException e) {
        nativeUsable = false;
      }
    }
    try {
      return signInJava(type, s -> s.update(data));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // unreachable: no stream is read
    }
  }

  /**
   * Signs everything left in a stream, reading it in chunks (in Java); the stream is not closed.
   *
   * @throws IOException if reading fails
   */
  public byte[] sign(InputStream data, SignatureType type) throws IOException {
    return signInJava(type, s -> Digests.feed(s, data));
  }

  private byte[] signInJava(SignatureType type, Digests.Feed feed) throws IOException {
    try {
      Signature s = Signature.getInstance(type.jcaAlgorithm());
      s.initSign(privateKey);
      feed.into(s);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign with " + type.jcaAlgorithm(), e);
    }
  }

  /**
   * Starts readying native signing in the background (see {@link Nss}), so that the
   * signatures a build makes at its end do not wait for it; signing works without this call.
   */
  public void prepare() {
    Nss.start();
  }

  /** Whether this key still signs through NSS (no NSS failure so far). */
  boolean signsNatively() {
    return nativeUsable && Nss.provider() != null;
  }

  /** An NSS signer ready for {@code type}, or null when the host has no NSS. */
  Signature nativeSigner(SignatureType type) throws GeneralSecurityException {
    Provider nss = Nss.provider();
    if (nss == null) {
      return null;
    }
    Signature s = Signature.getInstance(type.jcaAlgorithm(), nss);
    s.initSign(nssKey(nss));
    return s;
  }

  /** The key as a session object of the NSS token, made once. */
  private synchronized PrivateKey nssKey(Provider nss) throws GeneralSecurityException {
    if (nssKey == null) {
      nssKey = (PrivateKey) KeyFactory.getInstance("RSA", nss).translateKey(privateKey);
    }
    return nssKey;
  }

  RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyName + "]";
  }
}
