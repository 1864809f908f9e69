package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives host trees to the unprivileged uid that runs a build started by root (a workspace, a
 * package root), and checks that uid can reach them.
 */
final class HandOver {
  /** chown(2) by root clears these on a file; a package's setuid program must keep them. */
  private static final int SET_ID_BITS = 06000;

  private HandOver() {}

  /**
   * Changes the owner of what is not yet {@code uid:gid}'s, links themselves included (never
   * followed), and puts back the set-user-ID and set-group-ID bits the change clears. In-process:
   * a {@code find -exec chown} costs two processes, about 8 ms even for a tree of ten files.
   */
  static void tree(Path top, int uid, int gid) throws IOException {
    Integer u = uid;
    Integer g = gid;
    try (Stream<Path> tree = Files.walk(top)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        Map<String, Object> ids = Files.readAttributes(p, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        boolean changed = false;
        if (!u.equals(ids.get("uid"))) {
          Files.setAttribute(p, "unix:uid", u, LinkOption.NOFOLLOW_LINKS);
          changed = true;
        }
        if (!g.equals(ids.get("gid"))) {
          Files.setAttribute(p, "unix:gid", g, LinkOption.NOFOLLOW_LINKS);
          changed = true;
        }
        int mode = (Integer) ids.get("mode");
        if (changed && (mode & SET_ID_BITS) != 0 && !Files.isSymbolicLink(p)) {
          Files.setAttribute(p, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /**
   * Fails unless every folder above {@code target} lets others through, as the sandbox uid
   * {@code uid} must pass them to reach {@code target} ({@code what}: "workspace", "build root").
   */
  static void checkReachable(Path target, String what, int uid) throws PkgbuildException {
    for (Path dir = target.getParent(); dir != null; dir = dir.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          throw PkgbuildException.environment("sandbox uid " + uid + " cannot reach " + what + " "
              + target + ": " + dir + " is not searchable by others (chmod o+x " + dir
              + " or put " + what + "s elsewhere)");
        }
      } catch (IOException | UnsupportedOperationException e) {
        throw PkgbuildException.environment("cannot read permissions of " + dir + ": " + e.getMessage());
      }
    }
  }
}
