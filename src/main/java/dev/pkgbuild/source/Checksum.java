package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An expected content hash of a source file, as a recipe's {@code expected-sha256} or
 * {@code expected-sha512} gives it.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the digest in lower-case hex
 */
public record Checksum(String algorithm, String hex) {
  public Checksum {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    if (hexLength(algorithm) != hex.length() || !hex.chars().allMatch(Checksum::isLowerHex)) {
      throw new IllegalArgumentException("not a " + algorithm + " digest: " + hex);
    }
  }

  /** Parses a recipe value; upper-case hex is accepted and lowered. */
  public static Checksum parse(String algorithm, String value) throws PkgbuildException {
    int want = hexLength(algorithm);
    if (want < 0) {
      throw PkgbuildException.badInput("unknown checksum algorithm '" + algorithm + "' (use sha256 or sha512)");
    }
    String hex = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
    if (hex.length() != want || !hex.chars().allMatch(Checksum::isLowerHex)) {
      throw PkgbuildException.badInput("expected-" + algorithm + " must be " + want
          + " hex digits, got '" + value + "'");
    }
    return new Checksum(algorithm, hex);
  }

  /** Parses a cache name such as {@code sha256:<hex>}. */
  public static Checksum parseCacheName(String name) throws PkgbuildException {
    int colon = name.indexOf(':');
    if (colon < 0) {
      throw PkgbuildException.badInput("not a checksum name: " + name);
    }
    return parse(name.substring(0, colon), name.substring(colon + 1));
  }

  /** The checksum of {@code digest}'s result under the same algorithm as this one. */
  Checksum sameKind(byte[] digest) {
    return new Checksum(algorithm, HexFormat.of().formatHex(digest));
  }

  /** The file name in the source cache, as melange names it: {@code sha256:<hex>}. */
  public String cacheName() {
    return algorithm + ":" + hex;
  }

  /** A fresh digest for this algorithm. */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return cacheName();
  }

  private static int hexLength(String algorithm) {
    return switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> -1;
    };
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
