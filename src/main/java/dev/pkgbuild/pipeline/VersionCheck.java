package dev.pkgbuild.pipeline;

import java.util.regex.Pattern;

/**
 * Whether a version is valid for apk. A stand-in for {@code dev.pkgbuild.apk.ApkVersion}
 * (on another branch) behind one method, so it can be swapped for it.
 */
final class VersionCheck {
  private static final Pattern APK = Pattern.compile(
      "[0-9]+(\\.[0-9]+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*(~[0-9a-f]+)?");

  private VersionCheck() {}

  /** Why {@code version} is not a valid apk version (without -rN), or null when it is. */
  static String invalidReason(String version) {
    return APK.matcher(version).matches() ? null
        : "version '" + version + "' is not a valid apk version (digits and dots, an optional letter, _suffixes)";
  }
}
