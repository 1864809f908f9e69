package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.graph.Outcome;
import dev.pkgbuild.graph.PlannedRecipe;
import dev.pkgbuild.graph.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pkgbuild recipes/` acts like make: only what is missing, in order, in parallel. */
class TreeBuilderTest {
  static final Scheduler.Listener QUIET = new Scheduler.Listener() {
    @Override
    public void started(String id) {}

    @Override
    public void finished(String id, Outcome outcome, Exception failure) {}
  };

  static void recipe(Path dir, String name, String version, String envPackages, String extra) throws Exception {
    Files.writeString(dir.resolve(name + ".yaml"), "package:\n  name: " + name + "\n  version: " + version
        + "\n  epoch: 0\n  description: " + name + "\n  copyright:\n    - license: MIT\n" + extra
        + "environment:\n  contents:\n    packages: [" + envPackages + "]\n"
        + "pipeline:\n  - runs: |\n      mkdir -p ${{targets.destdir}}/usr/share/" + name + "\n"
        + "      echo " + name + " > ${{targets.destdir}}/usr/share/" + name + "/id\n");
  }

  /** base (with base-dev, provides virtual-base) <- left, right <- app; tool and extra alone. */
  static Path tree(Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("recipes"));
    recipe(dir, "base", "1.0", "busybox", "  dependencies:\n    provides:\n      - virtual-base=1.0\n");
    Files.writeString(dir.resolve("base.yaml"), Files.readString(dir.resolve("base.yaml"))
        + "subpackages:\n  - name: base-dev\n    pipeline:\n      - runs: mkdir -p ${{targets.subpkgdir}}/usr/include\n");
    recipe(dir, "left", "1.0", "base-dev", "");
    recipe(dir, "right", "1.0", "virtual-base", "");
    recipe(dir, "app", "1.0", "left, right", "");
    recipe(dir, "tool", "1.0", "", "");
    recipe(dir, "extra", "1.0", "", "");
    return dir;
  }

  static TreeRequest request(TestBuilds t, Path dir, int jobs, boolean rebuildChanged) {
    return new TreeRequest(List.of(dir), t.request(dir, 0), jobs, false, rebuildChanged, Set.of(), List.of());
  }

  static TreeBuilder builder(TestBuilds t) {
    return new TreeBuilder(t.reporter(), t.builder()::sandboxFor, Clock.systemUTC());
  }

  @Test
  void build_treeWithDiamondSubpackageAndProvidesEdges_buildsInOrderThenNothing(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path dir = tree(tmp);
    TreeResult first = builder(t).build(request(t, dir, 2, false), QUIET);
    assertTrue(first.ok(), first.failures().toString());
    List<String> order = first.plan().recipes().stream().map(PlannedRecipe::id).toList();
    assertTrue(order.indexOf("base") < order.indexOf("left") && order.indexOf("base") < order.indexOf("right"));
    assertTrue(order.indexOf("left") < order.indexOf("app") && order.indexOf("right") < order.indexOf("app"));
    assertEquals(Set.of(Outcome.BUILT), Set.copyOf(first.outcomes().values()));

    TreeResult again = builder(t).build(request(t, dir, 2, false), QUIET);
    assertEquals(Set.of(Outcome.PRESENT), Set.copyOf(again.outcomes().values()));
  }

  @Test
  void build_versionBumpAndUnbumpedChange_buildOneAndReportTheOther(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path dir = tree(tmp);
    builder(t).build(request(t, dir, 2, false), QUIET);

    recipe(dir, "tool", "1.1", "", "");
    TreeResult bumped = builder(t).build(request(t, dir, 2, false), QUIET);
    Map<String, Outcome> built = bumped.outcomes().entrySet().stream().filter(e -> e.getValue() == Outcome.BUILT)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(Map.of("tool", Outcome.BUILT), built);

    Files.writeString(dir.resolve("extra.yaml"), Files.readString(dir.resolve("extra.yaml")).replace("echo extra", "echo extra2"));
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> builder(t).build(request(t, dir, 2, false), QUIET));
    assertTrue(e.getMessage().startsWith("extra: recipe changed since extra-1.0-r0 was built; bump epoch"), e.getMessage());
    TreeResult rebuilt = builder(t).build(request(t, dir, 2, true), QUIET);
    assertEquals(Outcome.BUILT, rebuilt.outcomes().get("extra"));
  }

  @Test
  void build_fourIndependentRecipesWithTwoJobs_overlapInTime(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path dir = Files.createDirectories(tmp.resolve("recipes"));
    for (String n : List.of("p1", "p2", "p3", "p4")) {
      Files.writeString(dir.resolve(n + ".yaml"), "package:\n  name: " + n + "\n  version: 1.0\n  epoch: 0\n"
          + "  description: x\n  copyright:\n    - license: MIT\npipeline:\n  - runs: sleep 1\n");
    }
    TreeResult r = builder(t).build(request(t, dir, 2, false), QUIET);
    assertTrue(r.ok(), r.failures().toString());
    Map<String, Instant[]> spans = new java.util.HashMap<>();
    for (String n : List.of("p1", "p2", "p3", "p4")) {
      spans.put(n, LogTimes.span(t.out().resolve("x86_64/" + n + "-1.0-r0.log")));
    }
    long overlapping = spans.keySet().stream().flatMap(a -> spans.keySet().stream().filter(b -> a.compareTo(b) < 0)
        .filter(b -> spans.get(a)[0].isBefore(spans.get(b)[1]) && spans.get(b)[0].isBefore(spans.get(a)[1]))).count();
    assertTrue(overlapping >= 2, "builds ran at the same time: " + overlapping + " overlapping pairs");
  }
}
