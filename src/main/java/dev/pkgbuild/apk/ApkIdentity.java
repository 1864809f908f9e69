package dev.pkgbuild.apk;

import dev.pkgbuild.archive.Digests;
import java.util.Base64;

/** The package identity apk uses ({@code C:} in the index): {@code Q1} + base64 of a SHA-1. */
public final class ApkIdentity {
  private ApkIdentity() {}

  /** Identity from the raw bytes of the control member (packages with {@code datahash}). */
  public static String of(byte[] controlMember) {
    return fromSha1(Digests.sha1(controlMember));
  }

  /** Identity from a SHA-1 already computed. */
  public static String fromSha1(byte[] sha1) {
    return "Q1" + Base64.getEncoder().encodeToString(sha1);
  }
}
