package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;

/**
 * Runs one command in an isolated environment: the workspace read-write at
 * {@code /home/build}, the host toolchain read-only (or a package root as {@code /}, see
 * {@link ExecRequest#root()}), no network, no view of the host's processes, home, keys or caches.
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

  /**
   * Says that the host wrote into {@code workspace} since the last run (a fetched source, a
   * checkout), so the next run makes those files usable inside; runs need not repeat that work
   * for what the sandbox wrote itself. A workspace the sandbox has not seen needs no call.
   */
  default void hostWrote(java.nio.file.Path workspace) {}

  /**
   * Readies a freshly installed package root for {@link ExecRequest#root()}, once, before it is
   * moved into the cache: afterwards nothing may change it, and runs only read it.
   *
   * @throws PkgbuildException when the root cannot be made usable by the sandbox
   */
  default void prepareRoot(java.nio.file.Path root) throws PkgbuildException {}
}
