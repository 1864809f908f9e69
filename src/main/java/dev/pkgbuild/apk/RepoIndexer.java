package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.sign.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Builds the index of one arch folder of a repository from the {@code .apk} files in it,
 * reading packages on all cores. Each package is fully read and checked; one with a problem
 * stops the run with that problem, so a broken package never reaches the index.
 */
public final class RepoIndexer {
  private RepoIndexer() {}

  /**
   * The record for one package file, checked: no format problem, stored as {@code <P>-<V>.apk},
   * and {@code noarch} rewritten to the folder's arch as apk needs.
   *
   * @throws PkgbuildException naming the file and its first problem
   */
  public static IndexEntry entryFor(Path apk) throws PkgbuildException {
    ApkContents c = ApkReader.read(apk);
    if (!c.problems().isEmpty()) {
      throw PkgbuildException.badInput(apk + ": " + c.problems().get(0));
    }
    IndexEntry e = c.indexEntry();
    if (!apk.getFileName().toString().equals(e.fileName())) {
      throw PkgbuildException.badInput(apk + ": must be named " + e.fileName() + " (apk fetches <P>-<V>.apk)");
    }
    String folder = apk.toAbsolutePath().getParent().getFileName().toString();
    if ("noarch".equals(e.arch()) || e.arch() == null) {
      e = new IndexEntry(e.checksum(), e.name(), e.version(), folder, e.fileSize(), e.installedSize(),
          e.description(), e.url(), e.license(), e.origin(), e.maintainer(), e.buildTime(), e.commit(),
          e.providerPriority(), e.depends(), e.provides(), e.installIf(), e.extra());
    }
    return e;
  }

  /** Reads every {@code *.apk} in {@code dir} in parallel. @throws PkgbuildException on the first bad package */
  public static ApkIndex scan(Path dir, String description, int threads) throws PkgbuildException {
    List<Path> apks;
    try (Stream<Path> s = Files.list(dir)) {
      apks = s.filter(p -> p.getFileName().toString().endsWith(".apk")).sorted().toList();
    } catch (IOException e) {
      throw PkgbuildException.badInput(dir + ": cannot list: " + e.getMessage());
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<IndexEntry>> futures = new ArrayList<>();
      for (Path apk : apks) {
        futures.add(pool.submit(() -> entryFor(apk)));
      }
      List<IndexEntry> entries = new ArrayList<>(apks.size());
      for (Future<IndexEntry> f : futures) {
        entries.add(get(f));
      }
      return new ApkIndex(description, entries);
    } finally {
      pool.shutdownNow();
    }
  }

  private static IndexEntry get(Future<IndexEntry> f) throws PkgbuildException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PkgbuildException pe) {
        throw pe;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("interrupted while indexing");
    }
  }

  /**
   * Rebuilds {@code dir/APKINDEX.tar.gz} from scratch, signed when {@code key} is given, and
   * then publishes the public key at the repository root ({@code dir/..}).
   *
   * @throws PkgbuildException on a bad package or a write failure
   */
  public static ApkIndex rebuild(Path dir, SigningKey key, String description, long epoch) throws PkgbuildException {
    ApkIndex index = scan(dir, description, Runtime.getRuntime().availableProcessors());
    IndexArchive.write(dir.resolve("APKINDEX.tar.gz"), index, key, epoch);
    publishKey(dir, key);
    return index;
  }

  /** Copies the public key to the folder above {@code dir}, so users can fetch it. @throws PkgbuildException on write failure */
  public static void publishKey(Path dir, SigningKey key) throws PkgbuildException {
    if (key == null) {
      return;
    }
    Path root = dir.toAbsolutePath().getParent();
    Path pub = root.resolve(key.keyName());
    try {
      AtomicFiles.write(pub, key.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write " + pub + ": " + e.getMessage());
    }
  }
}
