package dev.pkgbuild.build;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work started on another thread whose PkgbuildException reaches the caller unchanged. */
final class Background {
  private Background() {}

  /** Work that may fail with a user-facing error. */
  @FunctionalInterface
  interface Task<T> {
    T run() throws PkgbuildException;
  }

  static <T> CompletableFuture<T> start(Task<T> task) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return task.run();
      } catch (PkgbuildException e) {
        throw new CompletionException(e);
      }
    });
  }

  /** Waits for the result, rethrowing the task's own PkgbuildException. */
  static <T> T join(CompletableFuture<T> f) throws PkgbuildException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof PkgbuildException pe) {
        throw pe;
      }
      throw e;
    }
  }
}
