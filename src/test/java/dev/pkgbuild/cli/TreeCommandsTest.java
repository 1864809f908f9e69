package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.cli.BuildCommandTest.Run;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.graph.TreeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan, build, render and lint over whole trees, in-process: cut edges, the bootstrap set, many files. */
class TreeCommandsTest {
  @TempDir Path tmp;

  Run plan(Path dir, String... more) {
    String[] args = {"plan", dir.toString(), "--out-dir", tmp.resolve("repo").toString(), "--keys-dir",
        tmp.resolve("keys").toString(), "--arch", "x86_64"};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return BuildCommandTest.run(all);
  }

  @Test
  void plan_cycleBrokenByBootstrapRecipe_showsTheCutEdgeAsTextJsonAndDot() throws Exception {
    Path dir = TreeFixture.gitCurlTree(tmp);
    Run text = plan(dir);
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("cut      curl needs git (environment, " + dir.resolve("curl.yaml")
        + ":2:3), breaking the cycle curl -> git -> curl: built with git-bootstrap instead of git"), text.out());
    assertTrue(text.out().endsWith("3 to build, 0 present, 1 needs cut and served otherwise\n"), text.out());
    Run json = plan(dir, "--json");
    assertTrue(json.out().contains("\"way\": \"bootstrap-recipe\"") && json.out().contains("\"by\": \"git-bootstrap\""),
        json.out());
    Run dot = plan(dir, "--graph", "dot");
    assertTrue(dot.out().contains("\"curl\" -> \"git-bootstrap\" [label=\"git\"];"), dot.out());
    assertTrue(dot.out().contains("\"curl\" -> \"git\" [label=\"git (cut)\", style=dashed];"), dot.out());
  }

  @Test
  void plan_recipeNeedingItsOwnOutput_succeedsListingTheBootstrapSet_andBuildStopsWithIt() throws Exception {
    Path dir = TreeFixture.gccTree(tmp);
    Run text = plan(dir);
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("needed   gcc: needed by gcc (" + dir.resolve("gcc.yaml") + ":2:3), as their own output\n"),
        text.out());
    assertTrue(text.out().endsWith("1 package needed from an existing repository first (pass it with -r REPO)\n"),
        text.out());
    assertTrue(plan(dir, "--json").out().contains("\"bootstrap\": [\n    \"gcc\"\n  ]"));

    Run build = BuildCommandTest.run("build", dir.toString(), "--out-dir", tmp.resolve("repo").toString(),
        "--keys-dir", tmp.resolve("keys").toString(), "--arch", "x86_64");
    assertEquals(ExitStatus.BAD_INPUT.code(), build.code());
    assertEquals("pkgbuild: the tree needs 1 package that no repository holds and no recipe of it can be built "
        + "before; pass a repository holding them with -r REPO:\n  gcc: needed by gcc (" + dir.resolve("gcc.yaml")
        + ":2:3), as their own output\n", build.err());
    assertFalse(Files.exists(tmp.resolve("repo")));

    Path extra = TreeFixture.repositoryHolding(tmp, tmp.resolve("wolfi"), "gcc");
    Run served = plan(dir, "-r", extra.toString());
    assertTrue(served.out().contains("cut      gcc needs gcc (environment, " + dir.resolve("gcc.yaml")
        + ":2:3), its own output: served by gcc-0.9-r0 in " + extra + "\n"), served.out());

    // the same repository over HTTP, its index checked against the key given with -k
    String keyName;
    try (var s = Files.list(extra)) {
      keyName = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rsa.pub")).findFirst().orElseThrow();
    }
    try (dev.pkgbuild.repo.RepoServer server = dev.pkgbuild.repo.RepoServer.start(extra, "127.0.0.1", 0,
        dev.pkgbuild.diag.Reporter.silent())) {
      String url = server.url().toString();
      Run remote = plan(dir, "-r", url, "-k", url + "/" + keyName, "--cache-dir", tmp.resolve("cache").toString());
      assertEquals(0, remote.code(), remote.err());
      assertTrue(remote.out().contains("its own output: served by gcc-0.9-r0 in " + url + "\n"), remote.out());
    }
  }

  @Test
  void render_folderForBothArches_printsOneDocumentPerRecipeAndArch() throws Exception {
    Path dir = TreeFixture.gccTree(tmp);
    Files.writeString(dir.resolve(".hidden.yaml"), "not: a recipe\n");
    Run r = BuildCommandTest.run("render", dir.toString(), "--arch", "x86_64,aarch64");
    assertEquals(0, r.code(), r.err());
    assertEquals(java.util.List.of("recipe busybox.yaml for x86_64", "recipe busybox.yaml for aarch64",
        "recipe gcc.yaml for x86_64", "recipe gcc.yaml for aarch64"),
        r.out().lines().filter(l -> l.startsWith("recipe ")).toList());
    assertEquals(dir.resolve(".hidden.yaml") + ": skipped, a hidden file\n", r.err());
  }

  @Test
  void lint_folder_lintsEveryRecipeInIt() throws Exception {
    Path dir = TreeFixture.gccTree(tmp);
    Files.writeString(dir.resolve("broken.yaml"), "package:\n  name: broken\n  version: 1\n  epoch: 0\npipline: []\n");
    Run r = BuildCommandTest.run("lint", dir.toString());
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertTrue(r.out().startsWith(dir.resolve("broken.yaml") + ":5:1: error: unknown key 'pipline'"), r.out());
  }
}
