package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIdentity;
import dev.pkgbuild.archive.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * Owner, group, permission bits and xattr checksum of one installed path, as the installed
 * database records them ({@code M:} for a directory, {@code a:} for a file).
 *
 * @param uid numeric owner from the package
 * @param gid numeric group from the package
 * @param mode {@code mode & 07777}
 * @param xattrs {@code Q1} checksum of the extended attributes, or null for none
 */
record Acl(int uid, int gid, int mode, String xattrs) {
  static final Acl DEFAULT_DIR = new Acl(0, 0, 0755, null);
  static final Acl DEFAULT_FILE = new Acl(0, 0, 0644, null);
  private static final String XATTR = "SCHILY.xattr.";

  /** The line body apk writes: {@code uid:gid:octal mode[:Q1...]}. */
  String render() {
    return uid + ":" + gid + ":" + Integer.toOctalString(mode) + (xattrs == null ? "" : ":" + xattrs);
  }

  /**
   * The checksum apk keeps for a path's xattrs: SHA-1 over them sorted by name, each as a
   * big-endian length and the name, then a length and the value; null when there are none.
   */
  static String xattrChecksum(Map<String, String> pax) {
    Map<String, byte[]> attrs = new TreeMap<>();
    pax.forEach((k, v) -> {
      if (k.startsWith(XATTR)) {
        attrs.put(k.substring(XATTR.length()), v.getBytes(StandardCharsets.UTF_8));
      }
    });
    if (attrs.isEmpty()) {
      return null;
    }
    MessageDigest sha1 = Digests.of("SHA-1");
    attrs.forEach((name, value) -> {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      sha1.update(ByteBuffer.allocate(4).putInt(n.length).array());
      sha1.update(n);
      sha1.update(ByteBuffer.allocate(4).putInt(value.length).array());
      sha1.update(value);
    });
    return ApkIdentity.fromSha1(sha1.digest());
  }
}
