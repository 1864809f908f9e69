package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build and plan commands, in-process: exit codes and one-line errors. */
class BuildCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CommandTree.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(Arguments.withDefaultCommand(args));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void bareRecipePath_missingFile_isOneLineBadInput() {
    Run r = run("no/such/recipe.yaml");
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertEquals("pkgbuild: no/such/recipe.yaml: no such recipe file or folder\n", r.err());
  }

  @Test
  void build_recipeWithUnknownKey_namesFileLineAndColumnWithoutStackTrace(@TempDir Path tmp) throws Exception {
    Path recipe = tmp.resolve("bad.yaml");
    Files.writeString(recipe, "package:\n  name: x\n  version: 1\n  epoch: 0\npipline: []\n");
    Run r = run("build", recipe.toString(), "--out-dir", tmp.resolve("repo").toString());
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertEquals("pkgbuild: " + recipe + ":5:1: unknown key 'pipline' in recipe (did you mean 'pipeline'?)\n", r.err());
    assertFalse(Files.exists(tmp.resolve("repo")), "nothing is written for a bad recipe");
  }

  @Test
  void build_unknownArch_isOneLineBadInput() {
    Run r = run("recipes/hello.yaml", "--arch", "sparc");
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertTrue(r.err().startsWith("pkgbuild: unknown architecture 'sparc'"), r.err());
    assertFalse(r.err().contains("Exception"));
  }

  @Test
  void build_sourceDateEpochBeyondTarRange_isOneLineBadInputBeforeAnyWork(@TempDir Path tmp) {
    Run r = run("build", "recipes/hello.yaml", "--source-date-epoch", "99999999999", "--out-dir",
        tmp.resolve("repo").toString(), "--keys-dir", tmp.resolve("keys").toString());
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertEquals("pkgbuild: --source-date-epoch is out of range: '99999999999' (at most 8589934591, the latest time"
        + " a tar header holds)\n", r.err());
    assertFalse(Files.exists(tmp.resolve("repo")) || Files.exists(tmp.resolve("keys")), "nothing is written");
  }

  @Test
  void plan_examplesIntoEmptyRepo_listsBothAsMissingInOrderAsTextJsonAndDot(@TempDir Path tmp) {
    String repo = tmp.resolve("repo").toString();
    String keys = tmp.resolve("keys").toString();
    Run text = run("plan", "recipes/", "--out-dir", repo, "--keys-dir", keys);
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("missing  greet-0.3-r0") && text.out().contains("missing  hello-1.2.0-r0"), text.out());
    assertTrue(text.out().endsWith("2 to build, 0 present\n"), text.out());
    Run json = run("plan", "recipes/", "--out-dir", repo, "--keys-dir", keys, "--json");
    assertTrue(json.out().contains("\"reason\": \"missing\""), json.out());
    Run dot = run("plan", "recipes/", "--out-dir", repo, "--keys-dir", keys, "--graph", "dot");
    assertTrue(dot.out().startsWith("digraph recipes {"), dot.out());
  }

  @Test
  void plan_folderWithoutRecipes_isOneLineBadInput(@TempDir Path tmp) {
    Run r = run("plan", tmp.toString(), "--out-dir", tmp.resolve("repo").toString(), "--keys-dir",
        tmp.resolve("keys").toString());
    assertEquals(ExitStatus.BAD_INPUT.code(), r.code());
    assertEquals("pkgbuild: " + tmp + ": no recipes (*.yaml files) in this folder\n", r.err());
  }
}
