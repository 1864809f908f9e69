package dev.pkgbuild.testing;

import dev.pkgbuild.apk.ApkVersion;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a Debian version ({@code [epoch:]upstream[-revision]}) to an apk version: the leading
 * dotted number of the upstream part, {@code -r} and the leading number of the revision.
 * {@code 12.2.0-14+deb12u1} becomes {@code 12.2.0-r14}, {@code 1:1.2.13.dfsg-1+deb12u1}
 * {@code 1.2.13-r1}. Lossy (epochs, {@code +dfsg}, {@code ~}, security suffixes go), but the
 * same Debian version always gives the same apk version, and one closure has one version per name.
 */
public final class DebianVersion {
  private static final Pattern NUMBER = Pattern.compile("^[0-9]+(\\.[0-9]+)*");
  private static final Pattern REVISION = Pattern.compile("^[0-9]+");

  private DebianVersion() {}

  /** @throws PkgbuildException when the upstream part does not start with a number */
  public static String toApk(String debian) throws PkgbuildException {
    String v = debian.strip();
    int colon = v.indexOf(':');
    v = colon < 0 ? v : v.substring(colon + 1);
    int dash = v.lastIndexOf('-');
    String upstream = dash < 0 ? v : v.substring(0, dash);
    String revision = dash < 0 ? "0" : v.substring(dash + 1);
    Matcher up = NUMBER.matcher(upstream);
    if (!up.find()) {
      throw PkgbuildException.badInput("Debian version '" + debian + "' does not start with a number");
    }
    Matcher rev = REVISION.matcher(revision);
    String apk = up.group() + "-r" + (rev.find() ? Long.parseLong(rev.group()) : 0);
    ApkVersion.parse(apk);
    return apk;
  }
}
