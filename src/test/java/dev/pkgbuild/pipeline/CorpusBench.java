package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.recipe.Recipe;
import dev.pkgbuild.recipe.RecipeLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Loads and compiles every corpus recipe, one warm-up pass then a measured one. Runs only with
 * {@code -Dpkgbuild.bench=true}; figures go to docs/benchmarks.md by hand.
 */
class CorpusBench {
  @Test
  void bench_loadAndCompileCorpus_printsTotalAndMedian() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("pkgbuild.bench"), "benchmark runs with -Dpkgbuild.bench=true");
    List<Path> recipes = CorpusCompileTest.recipes();
    for (int i = Integer.getInteger("pkgbuild.bench.warmups", 1); i > 0; i--) {
      pass(recipes);
    }
    java.lang.management.ThreadMXBean lmx = java.lang.management.ManagementFactory.getThreadMXBean();
    long l0 = lmx.getCurrentThreadCpuTime();
    for (Path f : recipes) {
      RecipeLoader.load(f);
    }
    System.out.printf("load only, cpu: %.1f ms%n", (lmx.getCurrentThreadCpuTime() - l0) / 1e6);
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getCurrentThreadCpuTime();
    List<Long> times = pass(recipes);
    System.out.printf("cpu time of the measured pass: %.1f ms%n", (mx.getCurrentThreadCpuTime() - cpu0) / 1e6);
    long total = times.stream().mapToLong(Long::longValue).sum();
    Collections.sort(times);
    long median = times.get(times.size() / 2);
    System.out.printf("recipes=%d total=%.1f ms median=%.2f ms max=%.2f ms%n", times.size(), total / 1e6,
        median / 1e6, times.get(times.size() - 1) / 1e6);
    assertEquals(recipes.size(), times.size());
  }

  private static List<Long> pass(List<Path> recipes) throws PkgbuildException {
    RecipeCompiler compiler = new RecipeCompiler(List.of(CorpusCompileTest.corpus().resolve("pipelines")));
    List<Long> times = new ArrayList<>();
    for (Path f : recipes) {
      long start = System.nanoTime();
      Recipe r = RecipeLoader.load(f);
      Arch arch = r.pkg().targetArchitecture().isEmpty() ? Arch.X86_64 : Arch.parse(r.pkg().targetArchitecture().get(0));
      compiler.compile(r, arch, Map.of());
      times.add(System.nanoTime() - start);
    }
    return times;
  }
}
