package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Reads many packages on all cores; a package that does not verify is reported and gives null. */
final class ParallelInspect {
  private ParallelInspect() {}

  static List<IndexEntry> all(List<Path> files, PackageInspector inspector, Reporter reporter)
      throws PkgbuildException {
    int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<IndexEntry>> futures = new ArrayList<>();
      for (Path f : files) {
        futures.add(pool.submit(() -> inspector.inspect(f)));
      }
      List<IndexEntry> out = new ArrayList<>();
      for (Future<IndexEntry> f : futures) {
        out.add(collect(f, reporter));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Reads packages side by side; the first one that does not verify fails the whole call.
   *
   * @throws PkgbuildException the first package's problem, in list order
   */
  static List<IndexEntry> strict(List<Path> files, PackageInspector inspector) throws PkgbuildException {
    if (files.size() < 2) {
      List<IndexEntry> one = new ArrayList<>();
      for (Path f : files) {
        one.add(inspector.inspect(f));
      }
      return one;
    }
    List<CompletableFuture<IndexEntry>> futures = new ArrayList<>();
    for (Path f : files) {
      futures.add(CompletableFuture.supplyAsync(() -> {
        try {
          return inspector.inspect(f);
        } catch (PkgbuildException e) {
          throw new CompletionException(e);
        }
      }));
    }
    List<IndexEntry> out = new ArrayList<>();
    for (CompletableFuture<IndexEntry> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof PkgbuildException p) {
          throw p;
        }
        throw PkgbuildException.failed("cannot read a package: " + e.getCause());
      }
    }
    return out;
  }

  private static IndexEntry collect(Future<IndexEntry> f, Reporter reporter) throws PkgbuildException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PkgbuildException p) {
        reporter.warn("not indexed: " + p.getMessage());
        return null;
      } else {
        throw PkgbuildException.failed("cannot read a package: " + e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("interrupted while reading packages");
    }
  }
}
