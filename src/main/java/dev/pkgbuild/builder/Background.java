package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work started on another thread whose own exception reaches the caller unchanged. */
final class Background {
  private Background() {}

  /** Work that may fail with a user-facing error. */
  @FunctionalInterface
  interface Task<T> {
    T run() throws PkgbuildException;
  }

  /** Work that may fail with an I/O error. */
  @FunctionalInterface
  interface IoTask<T> {
    T run() throws IOException;
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

  static <T> CompletableFuture<T> startIo(IoTask<T> task) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return task.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Waits for the result, rethrowing the task's own PkgbuildException or runtime exception. */
  static <T> T join(CompletableFuture<T> f) throws PkgbuildException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof PkgbuildException pe) {
        throw pe;
      }
      throw unwrapped(e);
    }
  }

  /** Waits for the result of {@link #startIo}, rethrowing the task's own I/O error. */
  static <T> T joinIo(CompletableFuture<T> f) throws IOException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw unwrapped(e);
    }
  }

  private static RuntimeException unwrapped(CompletionException e) {
    return e.getCause() instanceof RuntimeException r ? r : e;
  }
}
