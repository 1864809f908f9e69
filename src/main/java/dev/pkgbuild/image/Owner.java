package dev.pkgbuild.image;

/**
 * Who owns one path of an image and its permission bits, as the installed database records
 * them (not as the disk has them: an unprivileged install leaves every file to the user).
 *
 * @param uid numeric owner
 * @param gid numeric group
 * @param mode {@code mode & 07777}, setuid, setgid and sticky included
 */
public record Owner(int uid, int gid, int mode) {
  /** apk's defaults when a record has no {@code M:} line. */
  public static final Owner DEFAULT_DIR = new Owner(0, 0, 0755);
  /** apk's defaults when a record has no {@code a:} line. */
  public static final Owner DEFAULT_FILE = new Owner(0, 0, 0644);

  /** Checks the ranges a tar header can hold. */
  public Owner {
    if (uid < 0 || gid < 0 || (mode & ~07777) != 0) {
      throw new IllegalArgumentException("owner " + uid + ":" + gid + " mode " + Integer.toOctalString(mode));
    }
  }
}
