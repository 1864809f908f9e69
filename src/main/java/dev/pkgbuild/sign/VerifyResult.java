package dev.pkgbuild.sign;

/** The outcome of checking one signature, with apk's meanings. */
public enum VerifyResult {
  /** The named key is trusted and the signature matches. */
  OK,
  /** The named key is trusted but the signature does not match the data. */
  BAD,
  /** No usable public key of that name is in the keys directory. */
  UNTRUSTED
}
