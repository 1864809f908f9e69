package dev.pkgbuild.sca;

import java.util.regex.Pattern;

/** The shape of an apk version, so that generated atoms never carry one apk would reject. */
final class ApkVersions {
  private static final Pattern VERSION = Pattern.compile(
      "[0-9]+(\\.[0-9]+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*(~[0-9a-f]+)?(-r[0-9]+)?");

  private ApkVersions() {}

  static boolean isValid(String v) {
    return VERSION.matcher(v).matches();
  }
}
