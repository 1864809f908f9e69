package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

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
    HandOver.checkReachable(ws, "workspace", who.runAs());
    try {
      HandOver.tree(ws, who.runAs(), who.runAsGid());
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
}
