package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.graph.Outcome;
import dev.pkgbuild.graph.PlannedRecipe;
import dev.pkgbuild.graph.Scheduler;
import dev.pkgbuild.testing.RecordingSandbox;
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
    return new TreeBuilder(t.reporter, t.builder()::sandboxFor, Clock.systemUTC());
  }

  /** The recipe a recorded step belongs to: workspaces are named {@code <recipe>-<random>}. */
  static String recipeOf(RecordingSandbox.Exec e) {
    String ws = e.workspace().getFileName().toString();
    return ws.substring(0, ws.lastIndexOf('-'));
  }

  static List<RecordingSandbox.Exec> stepsOf(RecordingSandbox fake, String recipe) {
    return fake.execs().stream().filter(e -> recipeOf(e).equals(recipe)).toList();
  }

  /** Every step of {@code before} ended before any step of {@code after} began. */
  static void assertRanBefore(RecordingSandbox fake, String before, String after) {
    Instant lastEnd = stepsOf(fake, before).stream().map(RecordingSandbox.Exec::finished).max(Instant::compareTo)
        .orElseThrow(() -> new AssertionError(before + " ran no step"));
    Instant firstStart = stepsOf(fake, after).stream().map(RecordingSandbox.Exec::started).min(Instant::compareTo)
        .orElseThrow(() -> new AssertionError(after + " ran no step"));
    assertFalse(firstStart.isBefore(lastEnd), after + " started before " + before + " ended");
  }

  @Test
  void build_treeWithDiamondSubpackageAndProvidesEdges_buildsInOrderThenNothing(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.onHost();
    TestBuilds t = TestBuilds.with(tmp, fake);
    Path dir = tree(tmp);
    TreeResult first = builder(t).build(request(t, dir, 2, false), QUIET);
    assertTrue(first.ok(), first.failures().toString());
    List<String> order = first.plan().recipes().stream().map(PlannedRecipe::id).toList();
    assertTrue(order.indexOf("base") < order.indexOf("left") && order.indexOf("base") < order.indexOf("right"));
    assertTrue(order.indexOf("left") < order.indexOf("app") && order.indexOf("right") < order.indexOf("app"));
    assertEquals(Set.of(Outcome.BUILT), Set.copyOf(first.outcomes().values()));
    // base's subpackage base-dev is what left needs, its provides virtual-base what right needs
    assertRanBefore(fake, "base", "left");
    assertRanBefore(fake, "base", "right");
    assertRanBefore(fake, "left", "app");
    assertRanBefore(fake, "right", "app");
    assertEquals(2, stepsOf(fake, "base").size(), "the main pipeline, then base-dev's");
    assertTrue(stepsOf(fake, "base").get(0).script().contains("usr/share/base/id"));
    assertTrue(stepsOf(fake, "base").get(1).script().contains("usr/include"));

    int steps = fake.execs().size();
    TreeResult again = builder(t).build(request(t, dir, 2, false), QUIET);
    assertEquals(Set.of(Outcome.PRESENT), Set.copyOf(again.outcomes().values()));
    assertEquals(steps, fake.execs().size(), "a tree with nothing missing runs no step");
  }

  @Test
  void build_versionBumpAndUnbumpedChange_buildOneAndReportTheOther(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.onHost();
    TestBuilds t = TestBuilds.with(tmp, fake);
    Path dir = tree(tmp);
    builder(t).build(request(t, dir, 2, false), QUIET);

    recipe(dir, "tool", "1.1", "", "");
    int before = fake.execs().size();
    TreeResult bumped = builder(t).build(request(t, dir, 2, false), QUIET);
    Map<String, Outcome> built = bumped.outcomes().entrySet().stream().filter(e -> e.getValue() == Outcome.BUILT)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(Map.of("tool", Outcome.BUILT), built);
    assertEquals(List.of("tool"), fake.execs().subList(before, fake.execs().size()).stream()
        .map(TreeBuilderTest::recipeOf).toList(), "only the bumped recipe ran");

    Files.writeString(dir.resolve("extra.yaml"), Files.readString(dir.resolve("extra.yaml")).replace("echo extra", "echo extra2"));
    int unbumped = fake.execs().size();
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> builder(t).build(request(t, dir, 2, false), QUIET));
    assertTrue(e.getMessage().startsWith("extra: recipe changed since extra-1.0-r0 was built; bump epoch"), e.getMessage());
    assertEquals(unbumped, fake.execs().size(), "a refused plan runs no step");
    TreeResult rebuilt = builder(t).build(request(t, dir, 2, true), QUIET);
    assertEquals(Outcome.BUILT, rebuilt.outcomes().get("extra"));
    assertTrue(fake.execs().get(fake.execs().size() - 1).script().contains("echo extra2"));
  }

  @Test
  void build_fourIndependentRecipesWithTwoJobs_overlapInTimeAndNeverExceedTwo(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.onHost();
    TestBuilds t = TestBuilds.with(tmp, fake);
    Path dir = Files.createDirectories(tmp.resolve("recipes"));
    for (String n : List.of("p1", "p2", "p3", "p4")) {
      Files.writeString(dir.resolve(n + ".yaml"), "package:\n  name: " + n + "\n  version: 1.0\n  epoch: 0\n"
          + "  description: x\n  copyright:\n    - license: MIT\npipeline:\n  - runs: sleep 1\n");
    }
    TreeResult r = builder(t).build(request(t, dir, 2, false), QUIET);
    assertTrue(r.ok(), r.failures().toString());
    List<RecordingSandbox.Exec> steps = fake.execs();
    assertEquals(4, steps.size());
    long overlapping = 0;
    for (RecordingSandbox.Exec a : steps) {
      long atOnce = steps.stream().filter(b -> b.started().isBefore(a.finished()) && a.started().isBefore(b.finished()))
          .count();
      assertTrue(atOnce <= 2, "at most two builds at once, saw " + atOnce);
      overlapping += atOnce - 1;
    }
    assertTrue(overlapping >= 2, "builds ran at the same time: " + overlapping / 2 + " overlapping pairs");
  }

  @Test
  void build_failedRecipe_stopsItsDependentsOnlyAndPublishesNothingOfThem(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.onHost();
    TestBuilds t = TestBuilds.with(tmp, fake);
    Path dir = tree(tmp);
    Files.writeString(dir.resolve("left.yaml"), Files.readString(dir.resolve("left.yaml")).replace("echo left", "exit 7"));
    TreeResult r = builder(t).build(request(t, dir, 1, false), QUIET);
    assertFalse(r.ok());
    assertEquals(Set.of("left"), r.failures().keySet());
    assertEquals(Outcome.SKIPPED, r.outcomes().get("app"));
    assertTrue(stepsOf(fake, "app").isEmpty(), "app needs left: it never starts");
    for (String built : List.of("base", "right", "tool", "extra")) {
      assertEquals(Outcome.BUILT, r.outcomes().get(built), built);
    }
    try (var s = Files.list(t.out().resolve("x86_64"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.contains("right-1.0-r0.apk"), names.toString());
      assertFalse(names.stream().anyMatch(n -> n.startsWith("left-") || n.startsWith("app-")), names.toString());
    }
  }

  @Test
  void build_failedTest_stopsOnlyThatRecipesDependents(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "bubblewrap");
    Path dir = tree(tmp);
    Files.writeString(dir.resolve("left.yaml"), Files.readString(dir.resolve("left.yaml"))
        + "test:\n  pipeline:\n    - name: fails\n      runs: grep -q nothing-like-this /usr/share/left/id\n");
    Files.writeString(dir.resolve("right.yaml"), Files.readString(dir.resolve("right.yaml"))
        + "test:\n  pipeline:\n    - runs: grep -qx right /usr/share/right/id\n");
    TreeResult r = builder(t).build(request(t, dir, 1, false), QUIET);
    assertEquals(Set.of("left"), r.failures().keySet());
    assertTrue(r.failures().get("left").getMessage().startsWith("left test: step 'fails'"),
        r.failures().get("left").getMessage());
    assertEquals(Outcome.SKIPPED, r.outcomes().get("app"));
    for (String built : List.of("base", "right", "tool", "extra")) {
      assertEquals(Outcome.BUILT, r.outcomes().get(built), built);
    }
    assertFalse(Files.exists(t.out().resolve("x86_64/left-1.0-r0.apk")), "a failed test publishes nothing");
  }
}
