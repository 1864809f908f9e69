package dev.pkgbuild.archive;

import java.util.Objects;

/**
 * One tar entry as pkgbuild writes and reads it.
 *
 * @param name path inside the archive, relative, no {@code ./}; directories without a trailing slash
 * @param type what the entry is
 * @param mode permission bits including setuid, setgid and sticky ({@code mode & 07777})
 * @param uid numeric owner
 * @param gid numeric group
 * @param uname owner name, may be empty
 * @param gname group name, may be empty
 * @param size content length (regular files only, else 0)
 * @param mtime modification time in Unix seconds
 * @param linkTarget symlink target or hard-link target path, else null
 * @param sha1 lowercase hex SHA-1 for the {@code APK-TOOLS.checksum.SHA1} record, or null for none
 */
public record TarEntry(String name, Type type, int mode, int uid, int gid, String uname, String gname,
    long size, long mtime, String linkTarget, String sha1) {

  /** Entry types pkgbuild writes; {@code OTHER} is a type read but never written. */
  public enum Type {
    FILE('0'), HARDLINK('1'), SYMLINK('2'), DIRECTORY('5'), OTHER('?');

    private final char flag;

    Type(char flag) {
      this.flag = flag;
    }

    /** The ustar type flag. */
    public char flag() {
      return flag;
    }

    /** The type of a header flag ({@code 0} and {@code 7}, and NUL, are regular files). */
    public static Type of(char flag) {
      return switch (flag) {
        case '0', '7', '\0' -> FILE;
        case '1' -> HARDLINK;
        case '2' -> SYMLINK;
        case '5' -> DIRECTORY;
        default -> OTHER;
      };
    }
  }

  /** Checks the invariants a writer needs. */
  public TarEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    uname = uname == null ? "" : uname;
    gname = gname == null ? "" : gname;
    if ((type == Type.SYMLINK || type == Type.HARDLINK) && linkTarget == null) {
      throw new IllegalArgumentException("link without target: " + name);
    }
  }

  /** A root-owned regular file. */
  public static TarEntry file(String name, int mode, long size, long mtime, String sha1) {
    return new TarEntry(name, Type.FILE, mode, 0, 0, "root", "root", size, mtime, null, sha1);
  }

  /** This entry with another owner. */
  public TarEntry withOwner(int newUid, int newGid, String newUname, String newGname) {
    return new TarEntry(name, type, mode, newUid, newGid, newUname, newGname, size, mtime, linkTarget, sha1);
  }
}
