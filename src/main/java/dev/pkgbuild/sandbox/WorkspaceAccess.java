package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes a workspace usable by the unprivileged uid that runs a build started by root: the
 * tree is handed to that uid, and every folder above it must let others through. A tree is
 * handed over once, and again only after the host says it wrote into it: what the sandbox
 * writes is already owned by that uid, and a walk of the tree before every step costs a
 * process and time in proportion to the tree.
 */
final class WorkspaceAccess {
  private final HostIdentity who;
  private final Set<Path> handedOver = new HashSet<>();

  WorkspaceAccess(HostIdentity who) {
    this.who = who;
  }

  /** Checks and prepares {@code workspace}; a no-op beyond the check for a normal user. */
  Path prepare(Path workspace) throws PkgbuildException {
    Path ws = workspace.toAbsolutePath().normalize();
    if (!Files.isDirectory(ws)) {
      throw PkgbuildException.environment("sandbox workspace " + ws + " is not a directory");
    }
    if (!who.dropsRoot()) {
      return ws;
    }
    synchronized (handedOver) {
      if (handedOver.contains(ws)) {
        return ws;
      }
    }
    checkAncestors(ws);
    try {
      handOver(ws);
    } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
      throw PkgbuildException.environment("cannot hand workspace " + ws + " to sandbox uid " + who.runAs()
          + ": " + e.getMessage());
    }
    synchronized (handedOver) {
      handedOver.add(ws);
    }
    return ws;
  }

  /** The host wrote into {@code workspace}: the next run hands it over again. */
  void hostWrote(Path workspace) {
    synchronized (handedOver) {
      handedOver.remove(workspace.toAbsolutePath().normalize());
    }
  }

  /**
   * Changes the owner of what is not yet the sandbox uid's, links themselves included (never
   * followed). In-process: a {@code find -exec chown} costs two processes, about 8 ms even
   * for a tree of ten files.
   */
  private void handOver(Path ws) throws IOException {
    Integer uid = who.runAs();
    Integer gid = who.runAsGid();
    try (Stream<Path> tree = Files.walk(ws)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        Map<String, Object> ids = Files.readAttributes(p, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        if (!uid.equals(ids.get("uid"))) {
          Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if (!gid.equals(ids.get("gid"))) {
          Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  private void checkAncestors(Path ws) throws PkgbuildException {
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
