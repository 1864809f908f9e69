package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.graph.Outcome;
import dev.pkgbuild.graph.TreeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree builds over the cycles Wolfi's tree has: what builds, and what stops before any step. */
class TreeCyclesTest {
  @Test
  void build_runtimeCycle_buildsBothRecipes(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path dir = tmp.resolve("recipes");
    TreeFixture.recipe(dir, "a", "", "  dependencies:\n    runtime:\n      - b\n");
    TreeFixture.recipe(dir, "b", "", "  dependencies:\n    runtime:\n      - a\n");
    TreeResult r = TreeBuilderTest.builder(t).build(TreeBuilderTest.request(t, dir, 2, false), TreeBuilderTest.QUIET);
    assertTrue(r.ok(), r.failures().toString());
    assertEquals(Map.of("a", Outcome.BUILT, "b", Outcome.BUILT), r.outcomes());
  }

  @Test
  void build_recipeNeedingItsOwnOutput_stopsBeforeAnyStepWithTheBootstrapSet(@TempDir Path tmp) throws Exception {
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path dir = TreeFixture.gccTree(tmp);
    TreeBuilder builder = new TreeBuilder(t.reporter, runner -> {
      throw new AssertionError("a sandbox was asked for before the bootstrap set was served");
    }, Clock.systemUTC());
    TreeRequest req = new TreeRequest(List.of(dir), t.request(dir, 0), 2, false, false, Set.of(), List.of());
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> builder.build(req, TreeBuilderTest.QUIET));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertEquals(List.of("the tree needs 1 package that no repository holds and no recipe of it can be built "
        + "before; pass a repository holding them with -r REPO:",
        "  gcc: needed by gcc (" + dir.resolve("gcc.yaml") + ":2:3), as their own output"),
        List.of(e.getMessage().split("\n")));
    assertFalse(Files.exists(t.out()), "nothing is written to the repository");
    assertFalse(Files.exists(t.keys()), "no key is made");
  }

  @Test
  void build_recipeNeedingItsOwnOutputHeldByAnExtraRepository_plansPastIt(@TempDir Path tmp) throws Exception {
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path dir = TreeFixture.gccTree(tmp);
    Path extra = TreeFixture.repositoryHolding(tmp, tmp.resolve("wolfi"), "gcc");
    TreeRequest req = new TreeRequest(List.of(dir), t.request(dir, 0), 2, false, false, Set.of(), List.of(extra));
    assertEquals(List.of(), TreeBuilderTest.builder(t).plan(req).graph().bootstrapSet());
  }
}
