package dev.pkgbuild.repo;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Publishing benchmark: {@code PublishBench DIR [COUNT]} publishes COUNT (default 1000)
 * packages one by one into a fresh repository under DIR, each built just before its publish
 * (not timed) with a 4096-bit key, and prints the time per publish for the first and last 100.
 */
public final class PublishBench {
  private PublishBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    SigningKey key = KeyGenerator.generate(4096, Optional.of("bench"));
    Path root = Files.createTempDirectory(Files.createDirectories(dir), "repo");
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent());
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      StagedApk s = RepoFixture.build(root.getParent(), repo.archDir(), key, String.format("pkg%04d", i), "1.0-r0");
      long t0 = System.nanoTime();
      repo.publish(List.of(s));
      nanos[i] = System.nanoTime() - t0;
    }
    int n = Math.min(100, count);
    report("first " + n, Arrays.copyOfRange(nanos, 0, n));
    report("last " + n, Arrays.copyOfRange(nanos, count - n, count));
    System.out.printf("index: %d packages, %d bytes%n", repo.index().entries().size(), Files.size(repo.indexFile()));
  }

  private static void report(String label, long[] ns) {
    long[] sorted = ns.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(ns).average().orElse(0) / 1e6;
    System.out.printf("%s publishes: mean %.1f ms, median %.1f ms, p90 %.1f ms%n", label, mean,
        sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6);
  }
}
