package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pkgbuild render} and {@code pkgbuild lint} in-process: output and exit codes. */
class RecipeCommandsTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  static final String RECIPE = """
      package:
        name: hello
        version: 2.1
        epoch: 3
        copyright:
          - license: MIT
      pipeline:
        - name: build
          runs: make DESTDIR=${{targets.destdir}} ARCH=${{build.goarch}}
      """;

  int run(String... args) {
    return CommandTree.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void render_validRecipe_printsCompiledText() throws Exception {
    Path f = Files.writeString(tmp.resolve("hello.yaml"), RECIPE);
    assertEquals(0, run("render", f.toString(), "--arch", "arm64"));
    assertTrue(out.toString().contains("package hello 2.1-r3\n"), out.toString());
    assertTrue(out.toString().contains("runs: make DESTDIR=/home/build/melange-out/hello ARCH=arm64\n"));
  }

  @Test
  void render_json_isJson() throws Exception {
    Path f = Files.writeString(tmp.resolve("hello.yaml"), RECIPE);
    assertEquals(0, run("render", "--json", f.toString()));
    assertTrue(out.toString().startsWith("{\n  \"file\": "), out.toString());
    assertTrue(out.toString().contains("\"arch\": \"x86_64\""));
  }

  @Test
  void render_badRecipe_oneLineBadInputExit() throws Exception {
    Path f = Files.writeString(tmp.resolve("hello.yaml"), RECIPE.replace("runs:", "runz:"));
    assertEquals(ExitStatus.BAD_INPUT.code(), run("render", f.toString()));
    assertEquals("pkgbuild: " + f + ":9:5: unknown key 'runz' in pipeline step (did you mean 'runs'?)\n",
        err.toString());
  }

  @Test
  void render_unknownArch_badInput() throws Exception {
    Path f = Files.writeString(tmp.resolve("hello.yaml"), RECIPE);
    assertEquals(ExitStatus.BAD_INPUT.code(), run("render", f.toString(), "--arch", "riscv64"));
    assertTrue(err.toString().contains("unknown architecture 'riscv64'"), err.toString());
  }

  @Test
  void lint_cleanRecipe_exitZeroNoOutput() throws Exception {
    Path f = Files.writeString(tmp.resolve("hello.yaml"), RECIPE);
    assertEquals(0, run("lint", f.toString()));
    assertEquals("", out.toString());
  }

  @Test
  void lint_errors_exitNonZeroWithLines() throws Exception {
    Path good = Files.writeString(tmp.resolve("hello.yaml"), RECIPE);
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), RECIPE.replace("2.1", "2.1-x"));
    assertEquals(ExitStatus.BAD_INPUT.code(), run("lint", good.toString(), bad.toString()));
    assertTrue(out.toString().startsWith(bad + ":3:12: error: version '2.1-x'"), out.toString());
  }

  @Test
  void lint_warningsOnly_exitZero() throws Exception {
    Path f = Files.writeString(tmp.resolve("w.yaml"), RECIPE.replace("pipeline:", "vars:\n  x: y\npipeline:"));
    assertEquals(0, run("lint", f.toString()));
    assertEquals(f + ":8:3: warning: var 'x' is never used\n", out.toString());
  }
}
