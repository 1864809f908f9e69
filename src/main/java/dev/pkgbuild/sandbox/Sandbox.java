package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;

/**
 * Runs one command in an isolated environment: the workspace read-write at
 * {@code /home/build}, the host toolchain read-only, no network, no view of the host's
 * processes, home, keys or caches.
 */
public interface Sandbox {
  /** Short name shown in logs: "bubblewrap" or "unshare". */
  String name();

  /**
   * Runs the request and waits for it.
   *
   * @throws PkgbuildException when the sandbox itself cannot start (not when the command fails)
   */
  ExecResult run(ExecRequest request) throws PkgbuildException;
}
