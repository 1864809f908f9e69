package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;

/**
 * Makes a workspace usable by the unprivileged uid that runs a build started by root: the
 * tree is handed to that uid, and every folder above it must let others through.
 */
final class WorkspaceAccess {
  private WorkspaceAccess() {}

  /** Checks and prepares {@code workspace} for {@code who}; a no-op for a normal user. */
  static Path prepare(Path workspace, HostIdentity who) throws PkgbuildException {
    Path ws = workspace.toAbsolutePath().normalize();
    if (!Files.isDirectory(ws)) {
      throw PkgbuildException.environment("sandbox workspace " + ws + " is not a directory");
    }
    if (!who.dropsRoot()) {
      return ws;
    }
    checkAncestors(ws, who);
    // Only what the host wrote since the last step (sources, the source dir copy) changes
    // owner; a full chown -R per step would cost time in proportion to the whole tree.
    String uid = Integer.toString(who.runAs());
    String gid = Integer.toString(who.runAsGid());
    List<String> chown = List.of("find", ws.toString(), "(", "!", "-uid", uid, "-o", "!", "-gid", gid, ")",
        "-exec", "chown", "-h", uid + ":" + gid, "--", "{}", "+");
    ExecResult r = ProcessRunner.runQuietly(chown, Launch.HOST_ENV, Duration.ofMinutes(10));
    if (!r.ok()) {
      throw PkgbuildException.environment("cannot hand workspace " + ws + " to sandbox uid "
          + who.runAs() + ": " + String.join(" ", r.tail()));
    }
    return ws;
  }

  private static void checkAncestors(Path ws, HostIdentity who) throws PkgbuildException {
    for (Path dir = ws.getParent(); dir != null; dir = dir.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          throw PkgbuildException.environment("sandbox uid " + who.runAs() + " cannot reach workspace "
              + ws + ": " + dir + " is not searchable by others (chmod o+x " + dir
              + " or put workspaces elsewhere)");
        }
      } catch (IOException | UnsupportedOperationException e) {
        throw PkgbuildException.environment("cannot read permissions of " + dir + ": " + e.getMessage());
      }
    }
  }
}
