package dev.pkgbuild.sbom;

import java.nio.charset.StandardCharsets;

/** Package URLs (purl) with their percent-encoding. */
final class Purls {
  private Purls() {}

  static String apk(String namespace, String name, String version, String arch) {
    StringBuilder sb = new StringBuilder("pkg:apk/").append(enc(namespace)).append('/').append(enc(name));
    if (!version.isEmpty()) {
      sb.append('@').append(enc(version));
    }
    String sep = "?";
    if (!arch.isEmpty()) {
      sb.append(sep).append("arch=").append(enc(arch));
      sep = "&";
    }
    if (!namespace.equals("unknown")) {
      sb.append(sep).append("distro=").append(enc(namespace));
    }
    return sb.toString();
  }

  static String generic(String name, String version, String qualifiers) {
    return "pkg:generic/" + enc(name) + (version.isEmpty() ? "" : "@" + enc(version))
        + (qualifiers.isEmpty() ? "" : "?" + qualifiers);
  }

  /** Percent-encodes all but unreserved characters, as the purl spec asks. */
  static String enc(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
