package dev.pkgbuild.graph;

import static dev.pkgbuild.graph.TreeFixture.recipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.testing.RecordingReporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans of small real trees with the cycles Wolfi's tree has. */
class TreePlannerTest {
  @TempDir Path tmp;

  static List<String> order(Plan plan) {
    return plan.recipes().stream().map(PlannedRecipe::id).toList();
  }

  @Test
  void plan_runtimeAndTestCycle_ordersNothingCutsNothingAndKeepsThemAsRelated() throws Exception {
    Path dir = tmp.resolve("recipes");
    recipe(dir, "a", "", "  dependencies:\n    runtime:\n      - b\n",
        "test:\n  environment:\n    contents:\n      packages: [b]\n  pipeline:\n    - runs: \"true\"\n");
    recipe(dir, "b", "", "  dependencies:\n    runtime:\n      - a\n");
    Plan plan = TreeFixture.plan(tmp, dir, List.of(), Reporter.silent());
    assertEquals(List.of("a", "b"), order(plan));
    assertEquals(List.of(), plan.graph().cuts());
    assertEquals(List.of(), plan.graph().edgesFrom("a"));
    assertEquals(List.of("b runtime", "b test"), plan.graph().relatedFrom("a").stream()
        .map(e -> e.to() + " " + e.need().kind().label()).toList());
  }

  @Test
  void plan_environmentCycleWithLowerPriorityBootstrapRecipe_linksTheBootstrapAndSaysWhichEdge() throws Exception {
    Plan plan = TreeFixture.plan(tmp, TreeFixture.gitCurlTree(tmp), List.of(), Reporter.silent());
    assertEquals(List.of("git-bootstrap", "curl", "git"), order(plan));
    Cut cut = plan.graph().cuts().get(0);
    assertEquals(1, plan.graph().cuts().size());
    assertEquals(Cut.Way.BOOTSTRAP_RECIPE, cut.way());
    assertEquals("curl needs git (environment, " + tmp.resolve("recipes/curl.yaml") + ":2:3), breaking the cycle "
        + "curl -> git -> curl: built with git-bootstrap instead of git, which provides it at a lower priority",
        cut.describe());
    assertEquals(List.of(), plan.graph().bootstrapSet());
  }

  @Test
  void plan_bootstrapRecipeAtHigherPriority_doesNotBreakTheCycle() throws Exception {
    Path dir = TreeFixture.gitCurlTree(tmp);
    recipe(dir, "git-bootstrap", "", TreeFixture.provides(20, "git"));
    Plan plan = TreeFixture.plan(tmp, dir, List.of(), Reporter.silent());
    assertEquals(List.of("curl-dev"), plan.graph().bootstrapSet().stream().map(Needed::name).toList());
  }

  @Test
  void plan_environmentCycleHeldByAnExtraRepository_cutsTheEdgeToTheHeldPackage() throws Exception {
    Path dir = tmp.resolve("recipes");
    recipe(dir, "a", "b", "");
    recipe(dir, "b", "a", "");
    Path extra = TreeFixture.repositoryHolding(tmp, tmp.resolve("wolfi"), "a");
    Plan plan = TreeFixture.plan(tmp, dir, List.of(extra), Reporter.silent());
    assertEquals(List.of("b", "a"), order(plan));
    Cut cut = plan.graph().cuts().get(0);
    assertEquals(Cut.Way.REPOSITORY, cut.way());
    assertEquals("b needs a (environment, " + dir.resolve("b.yaml") + ":2:3), breaking the cycle a -> b -> a: "
        + "served by a-0.9-r0 in " + extra, cut.describe());
    assertEquals(List.of(), plan.graph().bootstrapSet());
  }

  @Test
  void plan_recipeNeedingItsOwnOutput_listsItInTheBootstrapSetUnlessARepositoryHoldsIt() throws Exception {
    Path dir = TreeFixture.gccTree(tmp);
    Plan bare = TreeFixture.plan(tmp, dir, List.of(), Reporter.silent());
    assertEquals(List.of("busybox", "gcc"), order(bare));
    assertEquals(List.of("gcc: needed by gcc (" + dir.resolve("gcc.yaml") + ":2:3), as their own output"),
        bare.graph().bootstrapSet().stream().map(Needed::describe).toList());

    Path extra = TreeFixture.repositoryHolding(tmp, tmp.resolve("wolfi"), "gcc");
    Plan served = TreeFixture.plan(tmp, dir, List.of(extra), Reporter.silent());
    assertEquals(List.of(), served.graph().bootstrapSet());
    assertEquals("gcc needs gcc (environment, " + dir.resolve("gcc.yaml") + ":2:3), its own output: served by "
        + "gcc-0.9-r0 in " + extra, served.graph().cuts().get(0).describe());
  }

  @Test
  void plan_folderWithHiddenAndSettingsYaml_skipsThemWithANote() throws Exception {
    Path dir = tmp.resolve("recipes");
    recipe(dir, "a", "", "");
    java.nio.file.Files.writeString(dir.resolve(".yam.yaml"), "gap: 1\n");
    java.nio.file.Files.writeString(dir.resolve("settings.yaml"), "# tool settings\nformat:\n  indent: 2\n");
    RecordingReporter notes = new RecordingReporter();
    Plan plan = TreeFixture.plan(tmp, dir, List.of(), notes);
    assertEquals(List.of("a"), order(plan));
    assertEquals(List.of(dir.resolve(".yam.yaml") + ": skipped, a hidden file",
        dir.resolve("settings.yaml") + ": skipped, not a recipe (no top-level 'package:')"), notes.lines());
  }

  @Test
  void plan_extraRepositoryWithoutAnIndex_isOneLineBadInput() throws Exception {
    Path dir = TreeFixture.gccTree(tmp);
    Path empty = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
    dev.pkgbuild.diag.PkgbuildException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.pkgbuild.diag.PkgbuildException.class, () -> TreeFixture.plan(tmp, dir, List.of(empty), Reporter.silent()));
    assertEquals(empty + ": not a repository: no x86_64/APKINDEX.tar.gz", e.getMessage());
    assertTrue(e.getMessage().indexOf('\n') < 0);
  }

  @Test
  void plan_badDependencyAtom_isOneLineBadInputNamingTheFileAndAtom() throws Exception {
    Path dir = tmp.resolve("recipes");
    recipe(dir, "a", "", "  dependencies:\n    runtime:\n      - foo>>1\n");
    dev.pkgbuild.diag.PkgbuildException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.pkgbuild.diag.PkgbuildException.class, () -> TreeFixture.plan(tmp, dir, List.of(), Reporter.silent()));
    assertEquals(dev.pkgbuild.diag.ExitStatus.BAD_INPUT, e.status());
    assertTrue(e.getMessage().startsWith(dir.resolve("a.yaml") + ":") && e.getMessage().contains("'foo>>1'")
        && e.getMessage().indexOf('\n') < 0, e.getMessage());
  }

  @Test
  void plan_nameSeveralRecipesProvide_linksTheHighestProviderPriority() throws Exception {
    Path dir = tmp.resolve("recipes");
    recipe(dir, "app", "virtual-cc", "");
    recipe(dir, "clang", "", TreeFixture.provides(20, "virtual-cc"));
    recipe(dir, "tcc", "", TreeFixture.provides(30, "virtual-cc"));
    Plan plan = TreeFixture.plan(tmp, dir, List.of(), Reporter.silent());
    assertEquals(List.of("tcc"), plan.graph().edgesFrom("app").stream().map(Edge::to).toList());
  }
}
