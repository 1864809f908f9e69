package dev.pkgbuild.apk;

import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Indexing benchmark (not a test): makes N small signed packages once, then times a full
 * index from scratch and single-package additions through {@link IndexUpdater}.
 * Usage: IndexBench DIR [N]. See bench/index.sh and docs/benchmarks.md.
 */
public final class IndexBench {
  private IndexBench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path arch = Files.createDirectories(root.resolve("repo/x86_64"));
    SigningKey key = KeyGenerator.generate(2048, Optional.of("bench"));
    long t0 = System.nanoTime();
    IntStream.range(0, n).parallel().filter(i -> !Files.exists(arch.resolve("pkg" + i + "-1.0-r0.apk")))
        .forEach(i -> make(root, arch, key, "pkg" + i));
    say("made " + n + " packages in " + ms(t0) + " ms (not part of the figures)");
    for (int round = 1; round <= 3; round++) {
      Files.deleteIfExists(arch.resolve("APKINDEX.tar.gz"));
      long t = System.nanoTime();
      long c = cpu();
      ApkIndex index = RepoIndexer.rebuild(arch, key, "bench", 0);
      say("full index round " + round + ": " + ms(t) + " ms wall, " + (cpu() - c) / 1_000_000 + " ms cpu, "
          + index.entries().size() + " packages, " + Files.size(arch.resolve("APKINDEX.tar.gz")) + " bytes");
    }
    IndexUpdater up = IndexUpdater.open(arch, key, TrustedKeys.of(key), 0);
    List<Long> times = new ArrayList<>();
    List<Long> cpus = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String name = "added" + i;
      make(root, arch, key, name);
      long t = System.nanoTime();
      long c = cpu();
      up.add(arch.resolve(name + "-1.0-r0.apk"));
      times.add((System.nanoTime() - t) / 1000);
      cpus.add((cpu() - c) / 1000);
    }
    say("add one package, wall us (first 3 are JIT warm-up): " + times);
    say("add one package at " + up.index().entries().size() + " packages: wall " + stats(times) + ", cpu " + stats(cpus));
  }

  private static void make(Path root, Path arch, SigningKey key, String name) {
    try {
      Path tree = Files.createDirectories(root.resolve("trees/" + name + "/usr/share/" + name));
      Files.writeString(tree.resolve("README"), "package " + name + "\n");
      PkgInfo info = PkgInfo.builder(name, "1.0-r0").arch("x86_64").pkgdesc("bench package " + name)
          .url("https://example.invalid/" + name).addLicense("MIT").origin(name).builddate(0L)
          .addDepend("so:libc.musl-x86_64.so.1").build();
      ApkWriter.of(key, 0).writeTo(info, root.resolve("trees/" + name), Map.of(), arch.resolve(name + "-1.0-r0.apk"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String stats(List<Long> us) {
    List<Long> warm = new ArrayList<>(us.subList(3, us.size()));
    warm.sort(null);
    return "median " + warm.get(warm.size() / 2) / 1000.0 + " ms, min " + warm.get(0) / 1000.0 + " ms, max "
        + warm.get(warm.size() - 1) / 1000.0 + " ms";
  }

  /** CPU time of the whole process (all threads), in ns. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void say(String s) {
    System.out.println(s);
  }
}
