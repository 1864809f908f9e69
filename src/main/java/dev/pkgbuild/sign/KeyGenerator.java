package dev.pkgbuild.sign;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** Makes RSA key pairs for signing packages and indexes, and writes them as apk expects. */
public final class KeyGenerator {
  /** The key size {@code pkgbuild keygen} uses, as abuild-keygen and melange do. */
  public static final int DEFAULT_BITS = 4096;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");

  private KeyGenerator() {}

  /**
   * Generates a fresh key pair in memory.
   *
   * @param bits the modulus size; 2048 or more
   * @param name the key name without {@code .rsa}, or empty for {@code pkgbuild-<8 hex>}
   *     taken from the SHA-256 of the public key, so keys of different users never collide
   * @throws PkgbuildException (bad input) when the name is not a plain file name
   */
  public static SigningKey generate(int bits, Optional<String> name) throws PkgbuildException {
    if (bits < 2048) {
      throw new IllegalArgumentException("RSA keys below 2048 bits are not made: " + bits);
    }
    String checked = name.isPresent() ? checkedName(name.get()) : null;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits, new SecureRandom());
      KeyPair pair = g.generateKeyPair();
      RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
      String base = checked != null ? checked : defaultName(pub);
      return new SigningKey((RSAPrivateCrtKey) pair.getPrivate(), pub, base + ".rsa.pub");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate RSA keys", e);
    }
  }

  /**
   * Generates a {@link #DEFAULT_BITS} key pair and writes {@code <dir>/<name>.rsa} (PKCS#1
   * PEM, created with mode 0600) and {@code <dir>/<name>.rsa.pub} (SubjectPublicKeyInfo PEM,
   * mode 0644), creating the directory if needed.
   *
   * @throws PkgbuildException (bad input) for a bad name or when either file already exists;
   *     (failed) when the files cannot be written
   */
  public static KeyPairFiles generateFiles(Path dir, Optional<String> name) throws PkgbuildException {
    return writeFiles(dir, generate(DEFAULT_BITS, name));
  }

  /** Writes a key pair, never overwriting; used by {@link #generateFiles} and tests. */
  static KeyPairFiles writeFiles(Path dir, SigningKey key) throws PkgbuildException {
    String pubName = key.keyName();
    Path priv = dir.resolve(pubName.substring(0, pubName.length() - ".pub".length()));
    Path pub = dir.resolve(pubName);
    for (Path p : new Path[] {priv, pub}) {
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw PkgbuildException.badInput(p + ": key file already exists; refusing to overwrite it");
      }
    }
    try {
      Files.createDirectories(dir);
      create(priv, "rw-------", privatePem(key));
      create(pub, "rw-r--r--", key.publicKeyPem());
      return new KeyPairFiles(priv, pub);
    } catch (FileAlreadyExistsException e) {
      throw PkgbuildException.badInput(e.getFile() + ": key file already exists; refusing to overwrite it", e);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write key files in " + dir + ": " + e.getMessage());
    }
  }

  /** The default key name for a public key: {@code pkgbuild-} and 8 hex digits of its SHA-256. */
  static String defaultName(RSAPublicKey pub) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(pub.getEncoded());
      return "pkgbuild-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String checkedName(String name) throws PkgbuildException {
    // "acme.rsa" and "acme" both mean the files acme.rsa and acme.rsa.pub.
    String base = name.endsWith(".rsa") ? name.substring(0, name.length() - 4) : name;
    if (!NAME.matcher(base).matches()) {
      throw PkgbuildException.badInput("key name '" + name
          + "' must be letters, digits and . _ @ + - (no slashes), starting with a letter or digit");
    }
    return base;
  }

  /** PKCS#1, the form every apk signer (abuild-sign, melange, openssl) accepts. */
  private static String privatePem(SigningKey key) throws IOException {
    byte[] pkcs1 = PrivateKeyInfo.getInstance(key.privateKey().getEncoded()).parsePrivateKey()
        .toASN1Primitive().getEncoded();
    return Pem.encode("RSA PRIVATE KEY", pkcs1);
  }

  /** Creates the file with its final permissions from the start, so no other user can ever read it. */
  private static void create(Path file, String perms, String content) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
        : new FileAttribute<?>[0];
    try (OutputStream out = Files.newOutputStream(Files.createFile(file, attrs), StandardOpenOption.WRITE)) {
      out.write(content.getBytes(StandardCharsets.US_ASCII));
    }
    if (posix) {
      // The umask may have narrowed the mode given at creation; the public key must be readable.
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }
  }
}
