package dev.pkgbuild.pipeline;

import dev.pkgbuild.apk.ApkVersion;

/** Whether a recipe version is valid for apk, by the apk grammar of {@link ApkVersion}. */
final class VersionCheck {
  private VersionCheck() {}

  /** Why {@code version} (without -rN) is not a valid apk version, or null when it is. */
  static String invalidReason(String version) {
    // ApkVersion accepts a trailing -rN, but in a recipe the epoch supplies it.
    String reason = version.contains("-") ? "'-' is not allowed (the epoch gives the -rN part)"
        : ApkVersion.invalidReason(version);
    return reason == null ? null : "version '" + version + "' is not a valid apk version: " + reason;
  }
}
