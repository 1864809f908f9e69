package dev.pkgbuild.sign;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The public keys a verifier trusts, looked up by the key name in a signature file name,
 * with apk's rules: a name that is not a readable RSA public key (missing, a private key,
 * bad PEM, a name with {@code /}) is simply not trusted. Safe for use from several threads.
 */
public final class TrustedKeys {
  private final Path dir;
  private final Map<String, Optional<RSAPublicKey>> keys = new ConcurrentHashMap<>();

  private TrustedKeys(Path dir, Map<String, RSAPublicKey> preloaded) {
    this.dir = dir;
    preloaded.forEach((name, key) -> keys.put(name, Optional.of(key)));
  }

  /** Trusts the {@code *.pub} files (SubjectPublicKeyInfo or PKCS#1 PEM) in a keys directory. */
  public static TrustedKeys in(Path keysDir) {
    return new TrustedKeys(keysDir, Map.of());
  }

  /** Trusts exactly the public halves of the given signing keys, under their key names. */
  public static TrustedKeys of(SigningKey... signingKeys) {
    Map<String, RSAPublicKey> map = new java.util.HashMap<>();
    for (SigningKey k : signingKeys) {
      map.put(k.keyName(), k.publicKey());
    }
    return new TrustedKeys(null, map);
  }

  /**
   * Trusts exactly the given public key files, each under its file name, as apk trusts the
   * files of {@code etc/apk/keys/}; read strictly, since the user named them.
   *
   * @throws PkgbuildException (bad input) naming a file that is not an RSA public key, or two
   *     different files with one name
   */
  public static TrustedKeys files(java.util.List<Path> pubPems) throws PkgbuildException {
    Map<String, RSAPublicKey> map = new java.util.LinkedHashMap<>();
    Map<String, Path> from = new java.util.HashMap<>();
    for (Path p : pubPems) {
      String name = p.getFileName().toString();
      RSAPublicKey k = loadPublicKey(p);
      RSAPublicKey seen = map.putIfAbsent(name, k);
      if (seen != null && !seen.equals(k)) {
        throw PkgbuildException.badInput("two different keys named " + name + ": " + from.get(name) + " and " + p);
      }
      from.putIfAbsent(name, p);
    }
    return new TrustedKeys(null, map);
  }

  /**
   * Reads one RSA public key PEM file, strictly, for commands that are handed a key.
   *
   * @throws PkgbuildException (bad input) naming the file when it is missing, bad PEM or not RSA
   */
  public static RSAPublicKey loadPublicKey(Path pubPem) throws PkgbuildException {
    Object pem = Pem.read(pubPem, "public key");
    if (!(pem instanceof SubjectPublicKeyInfo info)) {
      throw PkgbuildException.badInput(pubPem + ": not a public key (found " + pem.getClass().getSimpleName() + ")");
    }
    if (!Pem.isRsa(info.getAlgorithm())) {
      throw PkgbuildException.badInput(pubPem + ": " + Pem.algorithmName(info.getAlgorithm())
          + " key; apk signatures need an RSA key");
    }
    try {
      return Pem.publicKey(info);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw PkgbuildException.badInput(pubPem + ": unreadable RSA public key: " + e.getMessage(), e);
    }
  }

  /** The trusted key of that name, if there is a usable one. */
  public Optional<RSAPublicKey> key(String keyName) {
    if (!usableName(keyName)) {
      return Optional.empty();
    }
    return keys.computeIfAbsent(keyName, this::readKey);
  }

  /** Checks a signature over bytes. */
  public VerifyResult verify(String keyName, SignatureType type, byte[] data, byte[] signature) {
    try {
      return check(keyName, type, signature, s -> s.update(data));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // unreachable: no stream is read
    }
  }

  /**
   * Checks a signature over everything left in a stream; the stream is read only when the
   * key is trusted, and is not closed.
   *
   * @throws IOException if reading fails
   */
  public VerifyResult verify(String keyName, SignatureType type, InputStream data, byte[] signature)
      throws IOException {
    return check(keyName, type, signature, s -> Digests.feed(s, data));
  }

  private VerifyResult check(String keyName, SignatureType type, byte[] signature, Digests.Feed feed)
      throws IOException {
    Optional<RSAPublicKey> key = key(keyName);
    if (key.isEmpty()) {
      return VerifyResult.UNTRUSTED;
    }
    try {
      Signature s = Signature.getInstance(type.jcaAlgorithm());
      s.initVerify(key.get());
      feed.into(s);
      return s.verify(signature) ? VerifyResult.OK : VerifyResult.BAD;
    } catch (SignatureException e) {
      return VerifyResult.BAD; // malformed signature bytes, for example the wrong length
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot verify with " + type.jcaAlgorithm(), e);
    }
  }

  private Optional<RSAPublicKey> readKey(String keyName) {
    if (dir == null) {
      return Optional.empty();
    }
    Path file = dir.resolve(keyName);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(loadPublicKey(file));
    } catch (PkgbuildException e) {
      return Optional.empty(); // apk treats an unreadable key file as no key at all
    }
  }

  private static boolean usableName(String keyName) {
    return !keyName.isEmpty() && !keyName.contains("/") && !keyName.equals(".") && !keyName.equals("..")
        && keyName.indexOf('\0') < 0;
  }
}
