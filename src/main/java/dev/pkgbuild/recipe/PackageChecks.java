package dev.pkgbuild.recipe;

import dev.pkgbuild.apk.ApkVersion;
import dev.pkgbuild.diag.PositionedException;
import java.util.regex.Pattern;

/** The checks of a package block that need nothing but its text: name, version and epoch. */
public final class PackageChecks {
  /** Package names as melange accepts them. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z\\d][a-zA-Z\\d+_.-]*");
  /** {@code name-version-rN.apk} must be one file name: NAME_MAX on Linux file systems. */
  public static final int MAX_FILE_NAME = 255;

  private PackageChecks() {}

  /**
   * {@code name}, checked against melange's name pattern.
   *
   * @throws PositionedException at the name when it does not match
   */
  public static Text name(Text name) throws PositionedException {
    if (!NAME.matcher(name.value()).matches()) {
      throw new PositionedException(name.pos(), "invalid package name '" + shorten(name.value()) + "'");
    }
    return name;
  }

  /**
   * Checks that {@code name-version.apk} fits in one file name.
   *
   * @param name the package name (after substitution)
   * @param fullVersion {@code version-rN}
   * @param at the name as written, for the position
   * @throws PositionedException at the name when the file name would be too long
   */
  public static void fileName(String name, String fullVersion, Text at) throws PositionedException {
    String file = name + "-" + fullVersion + ".apk";
    int bytes = file.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_FILE_NAME) {
      throw new PositionedException(at.pos(), "package name '" + shorten(name) + "' is too long: its file name would be "
          + bytes + " bytes, more than " + MAX_FILE_NAME);
    }
  }

  /**
   * {@code version}, checked against the apk version grammar ({@link ApkVersion}) without the
   * {@code -rN} part, which the epoch gives.
   *
   * @throws PositionedException at the version when it is not valid
   */
  public static Text version(Text version) throws PositionedException {
    String v = version.value();
    String reason = v.contains("-") ? "'-' is not allowed (the epoch gives the -rN part)" : ApkVersion.invalidReason(v);
    if (reason != null) {
      throw new PositionedException(version.pos(), "version '" + shorten(v) + "' is not a valid apk version: " + reason);
    }
    return version;
  }

  /**
   * The epoch written as {@code epoch}, 0 when absent.
   *
   * @throws PositionedException at the value unless it is a whole number from 0 to {@link PackageSpec#MAX_EPOCH}
   */
  public static int epoch(Text epoch) throws PositionedException {
    if (epoch == null || epoch.value().isEmpty()) {
      return 0;
    }
    String e = epoch.value().strip();
    if (!e.matches("\\d{1,5}") || Integer.parseInt(e) > PackageSpec.MAX_EPOCH) {
      throw new PositionedException(epoch.pos(), "epoch must be a whole number from 0 to " + PackageSpec.MAX_EPOCH
          + ", found '" + shorten(epoch.value()) + "'");
    }
    return Integer.parseInt(e);
  }

  /** Long values are cut in messages, which stay one readable line. */
  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 60) + "..." + " (" + s.length() + " characters)";
  }
}
