package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolution of a large index, as bench/resolve.sh runs it (figures in docs/benchmarks.md).
 * {@code write DIR N} writes the synthetic index of {@link SyntheticIndex} as
 * {@code DIR/x86_64/APKINDEX} text and its world as {@code DIR/world}; {@code resolve DIR ROUNDS}
 * parses that index, resolves the world ROUNDS times, prints the transaction of the first
 * resolution on stdout and the timings on stderr. Not a test: nothing runs it in {@code mvn verify}.
 */
public final class ResolveBench {
  private ResolveBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    if (args[0].equals("write")) {
      int n = Integer.parseInt(args[2]);
      Files.createDirectories(dir.resolve("x86_64"));
      Files.writeString(dir.resolve("x86_64/APKINDEX"), new ApkIndex(null, SyntheticIndex.entries(n, 42)).render());
      Files.writeString(dir.resolve("world"), String.join("\n", SyntheticIndex.world(n, 40)) + "\n");
      return;
    }
    int rounds = Integer.parseInt(args[2]);
    long t0 = System.nanoTime();
    List<IndexEntry> entries = ApkIndex.parse(null, Files.readString(dir.resolve("x86_64/APKINDEX"))).entries();
    List<Dependency> world = Dependency.parseAll(Files.readString(dir.resolve("world")));
    long t1 = System.nanoTime();
    List<RepositoryIndex> repos = List.of(RepositoryIndex.untagged(dir.toString(), entries));
    Resolution first = Resolver.resolve(repos, world, "x86_64");
    long t2 = System.nanoTime();
    List<Long> warm = new ArrayList<>();
    List<Long> warmCpu = new ArrayList<>();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 1; i < rounds; i++) {
      long s = System.nanoTime();
      long c = mx.getCurrentThreadCpuTime();
      Resolver.resolve(repos, world, "x86_64");
      warmCpu.add(mx.getCurrentThreadCpuTime() - c);
      warm.add(System.nanoTime() - s);
    }
    first.transactionLines().forEach(System.out::println);
    warm.sort(null);
    warmCpu.sort(null);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.err.printf("index: %d entries, parsed in %d ms; world: %d atoms; resolved %d packages%n", entries.size(),
        (t1 - t0) / 1_000_000, world.size(), first.packages().size());
    System.err.printf("first resolution %d ms; warm median %s ms (thread cpu %s ms) over %d; main thread cpu %d ms;"
        + " heap after gc %d MiB, peak committed %d MiB%n", (t2 - t1) / 1_000_000, median(warm), median(warmCpu),
        warm.size(), mx.getCurrentThreadCpuTime() / 1_000_000,
        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20);
  }

  private static String median(List<Long> sortedNanos) {
    return sortedNanos.isEmpty() ? "-" : Long.toString(sortedNanos.get(sortedNanos.size() / 2) / 1_000_000);
  }
}
