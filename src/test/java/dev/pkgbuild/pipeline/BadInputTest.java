package dev.pkgbuild.pipeline;

import static dev.pkgbuild.pipeline.Fixtures.HEAD;
import static dev.pkgbuild.pipeline.Fixtures.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per class of bad input: each is one line with the exact position. */
class BadInputTest {
  @TempDir Path tmp;

  @Test
  void load_malformedYaml_positionOfProblem() throws Exception {
    assertEquals("r.yaml:3:1: invalid yaml: expected ',' or ']', but got <stream end>",
        error(tmp, "package:\n  name: [a, b\n"));
  }

  @Test
  void load_stringWhereListNeeded_wrongType() throws Exception {
    assertEquals("r.yaml:7:11: expected a list for 'pipeline' in recipe, found a string",
        error(tmp, HEAD + "pipeline: make\n"));
  }

  @Test
  void load_duplicateKey_secondKeyPosition() throws Exception {
    assertEquals("r.yaml:4:3: duplicate key 'name' in package",
        error(tmp, "package:\n  name: a\n  version: 1\n  name: b\n"));
  }

  @Test
  void load_unknownKey_suggestsNearest() throws Exception {
    assertEquals("r.yaml:7:1: unknown key 'pipline' in recipe (did you mean 'pipeline'?)",
        error(tmp, HEAD + "pipline:\n  - runs: make\n"));
    assertEquals("r.yaml:9:5: unknown key 'working-dir' in pipeline step (did you mean 'working-directory'?)",
        error(tmp, HEAD + "pipeline:\n  - runs: make\n    working-dir: x\n"));
  }

  @Test
  void compile_unknownPipeline_namesIt() throws Exception {
    assertEquals("r.yaml:8:5: unknown pipeline 'nope/nothing' (not in --pipeline-dir [pipelines] or the built-in catalog)",
        error(tmp, HEAD + "pipeline:\n  - uses: nope/nothing\n"));
  }

  @Test
  void compile_missingRequiredInput_atWithKey() throws Exception {
    Fixtures.write(tmp, "pipelines/need.yaml", "inputs:\n  uri:\n    required: true\nruns: echo ${{inputs.uri}}\n");
    assertEquals("r.yaml:9:5: missing required input 'uri' for pipeline 'need'",
        error(tmp, HEAD + "pipeline:\n  - uses: need\n    with:\n      other: 1\n"
            .replace("other: 1", "uri: ''")));
  }

  @Test
  void compile_unknownInput_suggestsDeclared() throws Exception {
    Fixtures.write(tmp, "pipelines/need.yaml", "inputs:\n  uri:\n    required: true\nruns: echo ${{inputs.uri}}\n");
    assertEquals("r.yaml:10:7: unknown input 'url' for pipeline 'need' (did you mean 'uri'?)",
        error(tmp, HEAD + "pipeline:\n  - uses: need\n    with:\n      url: x\n"));
  }

  @Test
  void compile_unknownSubstitutionInRuns_namesStep() throws Exception {
    assertEquals("r.yaml:9:16: unknown substitution '${{vars.nope}}' in runs of step 'build'",
        error(tmp, HEAD + "pipeline:\n  - name: build\n    runs: make ${{vars.nope}}\n"));
  }

  @Test
  void compile_invalidVarTransformRegex_atMatch() throws Exception {
    assertEquals("r.yaml:9:12: invalid regex '([0-9' in var-transforms: unclosed character class",
        error(tmp, HEAD + "var-transforms:\n  - from: ${{package.version}}\n    match: ([0-9\n"
            + "    replace: x\n    to: v\n"));
  }

  @Test
  void compile_rangeNamingMissingData_listsKnown() throws Exception {
    assertEquals("r.yaml:12:5: range 'pyversions' names no data entry (have: py-versions)",
        error(tmp, HEAD + "data:\n  - name: py-versions\n    items:\n      '3.12': '312'\n"
            + "subpackages:\n  - range: pyversions\n    name: x-${{range.key}}\n"));
  }

  @Test
  void compile_recursiveInclude_showsChain() throws Exception {
    Fixtures.write(tmp, "pipelines/a.yaml", "pipeline:\n  - uses: b\n");
    Fixtures.write(tmp, "pipelines/b.yaml", "pipeline:\n  - uses: a\n");
    assertEquals("pipelines/b.yaml:2:5: recursive pipeline include: a -> b -> a",
        error(tmp, HEAD + "pipeline:\n  - uses: a\n"));
  }

  @Test
  void load_billionLaughs_failsFast() throws Exception {
    StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      sb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    String msg = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(tmp, sb.toString()));
    assertEquals("r.yaml:7:10: more than 50 aliases to lists or mappings",
        msg);
  }

  @Test
  void load_deepNesting_failsFast() throws Exception {
    String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    String msg = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(tmp, deep));
    assertEquals("r.yaml:1:67: yaml nested deeper than 64 levels", msg);
  }

  @Test
  void load_hugeScalar_rejectedBeforeParsing() throws Exception {
    Path f = tmp.resolve("r.yaml");
    Files.writeString(f, "a: " + "x".repeat(5 * 1024 * 1024) + "\n");
    String msg = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> error(tmp, Files.readString(f)));
    assertEquals("r.yaml: file is larger than 4194304 bytes", msg);
  }

  @Test
  void compile_targetArchExcludesRequested_saysWhichToPass() throws Exception {
    assertEquals("r.yaml: recipe hello builds only for aarch64; pass --arch aarch64",
        error(tmp, HEAD.replace("  epoch: 0\n", "  epoch: 0\n  target-architecture: [aarch64]\n")));
  }

  @Test
  void compile_badSubpackageNameOrPriority_rejected() throws Exception {
    assertEquals("r.yaml:8:11: invalid package name 'x y'", error(tmp, HEAD + "subpackages:\n  - name: x y\n"));
    assertEquals("r.yaml:8:24: priority must be an integer, found 'high'",
        error(tmp, HEAD + "  dependencies:\n    provider-priority: high\n"));
  }
}
