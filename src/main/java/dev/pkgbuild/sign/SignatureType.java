package dev.pkgbuild.sign;

import java.util.Optional;

/**
 * The RSA signature kinds apk understands, each named by the prefix of the signature file
 * inside a package or index ({@code .SIGN.<TYPE>.<KEYNAME>}).
 */
public enum SignatureType {
  /** RSA over SHA-1: abuild's default, understood by every apk version. */
  RSA("SHA1withRSA"),
  /** RSA over SHA-256: what melange writes; apk 2.7.0 and later. */
  RSA256("SHA256withRSA"),
  /** RSA over SHA-512; apk 2.7.0 and later. */
  RSA512("SHA512withRSA");

  private final String jcaAlgorithm;

  SignatureType(String jcaAlgorithm) {
    this.jcaAlgorithm = jcaAlgorithm;
  }

  /** The JCA signature algorithm name, for example {@code SHA256withRSA}. */
  String jcaAlgorithm() {
    return jcaAlgorithm;
  }

  /** The file name prefix including both dots, for example {@code .SIGN.RSA256.}. */
  public String prefix() {
    return ".SIGN." + name() + ".";
  }

  /** The signature file name for a key, for example {@code .SIGN.RSA256.acme.rsa.pub}. */
  public String fileName(String keyName) {
    return prefix() + keyName;
  }

  /**
   * Splits a signature file name into its type and key name.
   *
   * @return empty when the name is not {@code .SIGN.<known type>.<key>} with a non-empty key
   *     name free of {@code /}; apk skips such entries too
   */
  public static Optional<SignatureName> parse(String fileName) {
    for (SignatureType t : values()) {
      // The dot after the type is required, so ".SIGN.RSA256.x" never matches RSA.
      if (fileName.startsWith(t.prefix())) {
        String key = fileName.substring(t.prefix().length());
        if (key.isEmpty() || key.contains("/")) {
          return Optional.empty();
        }
        return Optional.of(new SignatureName(t, key));
      }
    }
    return Optional.empty();
  }

  /**
   * A parsed signature file name.
   *
   * @param type the signature kind
   * @param keyName the public key file name apk looks up in its keys directory
   */
  public record SignatureName(SignatureType type, String keyName) {
    /** The file name this pair stands for. */
    public String fileName() {
      return type.fileName(keyName);
    }
  }
}
