package dev.pkgbuild.pipeline;

import static dev.pkgbuild.pipeline.Fixtures.HEAD;
import static dev.pkgbuild.pipeline.Fixtures.compile;
import static dev.pkgbuild.pipeline.Fixtures.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the compiler makes before any step runs: atoms, priorities, duplicates, substitutions inside scalars. */
class StaticChecksTest {
  @TempDir Path tmp;

  @Test
  void compile_badAtoms_refusedAtTheItem() throws Exception {
    assertEquals("r.yaml:10:9: invalid dependency 'foo bar>>1': one atom has no spaces (list each one on its own) in runtime dependencies",
        error(tmp, HEAD + "  dependencies:\n    runtime:\n      - ok\n      - foo bar>>1\n"));
    assertEquals("r.yaml:9:9: invalid dependency '': missing name in provides",
        error(tmp, HEAD + "  dependencies:\n    provides:\n      - \"\"\n"));
    assertEquals("r.yaml:9:9: invalid dependency 'x=not a version': one atom has no spaces (list each one on its own)"
        + " in provides", error(tmp, HEAD + "  dependencies:\n    provides:\n      - x=not a version\n"));
    assertEquals("r.yaml:9:9: invalid dependency 'x=v1': invalid version 'v1': a version must start with a number"
        + " in provides", error(tmp, HEAD + "  dependencies:\n    provides:\n      - x=v1\n"));
    assertEquals("r.yaml:10:9: invalid dependency 'a>>1': unknown operator '>>' in environment packages",
        error(tmp, HEAD + "environment:\n  contents:\n    packages:\n      - a>>1\n"));
  }

  @Test
  void compile_atomsAfterSubstitution_acceptedWithDoubleEquals() throws Exception {
    CompiledRecipe r = compile(tmp, HEAD + "  dependencies:\n    runtime:\n      - hello-libs==${{package.full-version}}\n");
    assertEquals(List.of("hello-libs==1.0-r0"), r.main().dependencies().runtime());
  }

  @Test
  void compile_priorityFromRangeValue_integerPerCopy() throws Exception {
    CompiledRecipe r = compile(tmp, HEAD + """
        data:
          - name: py
            items:
              "3.12": "312"
              "3.13": ""
        subpackages:
          - range: py
            name: py${{range.key}}-hello
            dependencies:
              provides:
                - py3-hello
              provider-priority: ${{range.value}}
        """);
    assertEquals(312, r.subpackages().get(0).dependencies().providerPriority());
    assertNull(r.subpackages().get(1).dependencies().providerPriority());
  }

  @Test
  void compile_duplicateOutputs_refusedAtTheSecond() throws Exception {
    assertEquals("r.yaml:9:5: duplicate package name 'hello-doc' (first at r.yaml:8:5)",
        error(tmp, HEAD + "subpackages:\n  - name: hello-doc\n  - name: hello-doc\n").replace(tmp + "/", ""));
    assertEquals("r.yaml:8:5: duplicate package name 'hello' (the main package at r.yaml:2:3)",
        error(tmp, HEAD + "subpackages:\n  - name: ${{package.name}}\n").replace(tmp + "/", ""));
  }

  @Test
  void compile_unknownNameInMultiLineRuns_atItsLineAndColumn() throws Exception {
    assertEquals("r.yaml:11:28: unknown substitution '${{vars.nope}}' in runs of step 'build'",
        error(tmp, HEAD + """
            pipeline:
              - name: build
                runs: |
                  ./configure
                  make install DESTDIR=${{vars.nope}}
            """));
    assertEquals("r.yaml:11:7: unknown substitution '${{vars.nope}}' in runs of step 'build'",
        error(tmp, HEAD + """
            pipeline:
              - name: build
                runs: >-
                  ./configure
                  ${{vars.nope}}
            """));
  }

  @Test
  void compile_unknownNameInWithValue_atItsColumn() throws Exception {
    assertEquals("r.yaml:11:22: unknown substitution '${{vars.nope}}' in input 'directory' of step 'fetch'",
        error(tmp, HEAD + "pipeline:\n  - uses: fetch\n    with:\n      uri: x\n      directory: src/${{vars.nope}}\n"
            + "      expected-sha256: " + "a".repeat(64) + "\n"));
  }

  @Test
  void compile_withValueWithSpacesInsideBraces_expanded() throws Exception {
    CompiledRecipe r = compile(tmp, HEAD + "pipeline:\n  - uses: fetch\n    with:\n      uri: x-${{ package.version }}\n"
        + "      expected-sha256: " + "a".repeat(64) + "\n");
    assertEquals("x-1.0", r.main().pipeline().get(0).with().get("uri"));
  }

  private String positionOfIf() throws Exception {
    return error(tmp, HEAD + "pipeline:\n  - if: ${{build.arch}} == 'x' || ${{vars.nope}} == 'y'\n    runs: make\n");
  }

  @Test
  void compile_unknownNameInIf_atItsColumn() throws Exception {
    assertEquals("r.yaml:8:35: unknown substitution '${{vars.nope}}' in if '${{build.arch}} == 'x' || ${{vars.nope}} == 'y''",
        positionOfIf());
  }

  @Test
  void compile_ifSyntaxError_atItsColumn() throws Exception {
    assertEquals("r.yaml:8:25: invalid if '${{build.arch}} = 'x'': expected '==' or '!=' after 'x86_64'",
        error(tmp, HEAD + "pipeline:\n  - if: ${{build.arch}} = 'x'\n    runs: make\n"));
  }

  @Test
  void compile_unknownNameInVarTransformFrom_atItsColumn() throws Exception {
    assertEquals("r.yaml:8:12: unknown substitution '${{vars.nope}}' in var-transforms 'from'",
        error(tmp, HEAD + "var-transforms:\n  - from: v${{vars.nope}}\n    match: x\n    replace: y\n    to: z\n"));
  }
}
