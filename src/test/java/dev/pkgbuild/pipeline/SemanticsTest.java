package dev.pkgbuild.pipeline;

import static dev.pkgbuild.pipeline.Fixtures.HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pkgbuild.recipe.Arch;
import java.nio.file.Path;
import java.util.List;
import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.recipe.Text;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** melange's substitution and pipeline rules on small recipes. */
class SemanticsTest {
  @TempDir Path tmp;

  @Test
  void compile_scalarsKeepSourceText_versionNotAFloat() throws Exception {
    CompiledRecipe r = Fixtures.compile(tmp, HEAD.replace("1.0", "3.10") + "pipeline:\n  - runs: echo ${{package.full-version}}\n");
    assertEquals("3.10", r.main().version());
    assertEquals("echo 3.10-r0", r.main().pipeline().get(0).runs());
  }

  @Test
  void compile_varTransformsInOrder_goReplacementSyntax() throws Exception {
    CompiledRecipe r = Fixtures.compile(tmp, HEAD.replace("1.0", "1.2.3") + """
        vars:
          base: v
        var-transforms:
          - from: ${{package.version}}
            match: ^(\\d+)\\.(\\d+)\\.\\d+$
            replace: ${1}_$2
            to: mm
          - from: ${{vars.base}}${{vars.mm}}
            match: _
            replace: $$
            to: tag
        pipeline:
          - runs: echo ${{vars.mm}} ${{ vars.tag }}
        """);
    assertEquals("echo 1_2 v1$2", r.main().pipeline().get(0).runs());
  }

  @Test
  void compile_ifOnArch_dropsFalseSteps() throws Exception {
    String recipe = HEAD + """
        pipeline:
          - if: ${{build.arch}} == 'x86_64'
            runs: echo x86
          - if: ${{build.arch}} == "aarch64" || ${{build.goarch}} == 'nope'
            runs: echo arm
        """;
    CompiledRecipe r = Fixtures.compile(tmp, recipe);
    assertEquals(List.of("echo x86"), r.main().pipeline().stream().map(Step::runs).toList());
    CompiledRecipe arm = new RecipeCompiler(List.of()).compile(tmp.resolve("r.yaml"), Arch.AARCH64, Map.of());
    assertEquals(List.of("echo arm"), arm.main().pipeline().stream().map(Step::runs).toList());
  }

  @Test
  void compile_rangesSortedByKey_rangeAndSubpkgNames() throws Exception {
    CompiledRecipe r = Fixtures.compile(tmp, HEAD + """
        data:
          - name: py
            items:
              '3.13': '313'
              '3.12': '312'
        subpackages:
          - range: py
            name: py${{range.key}}-hello
            description: for ${{range.value}}
            pipeline:
              - if: '"${{range.key}}" == "3.13"'
                runs: echo ${{subpkg.name}} ${{targets.subpkgdir}} ${{targets.destdir}}
        """);
    assertEquals(List.of("py3.12-hello", "py3.13-hello"), r.subpackages().stream().map(CompiledPackage::name).toList());
    assertEquals("for 312", r.subpackages().get(0).description());
    assertEquals(List.of(), r.subpackages().get(0).pipeline());
    assertEquals("echo py3.13-hello /home/build/melange-out/py3.13-hello /home/build/melange-out/hello",
        r.subpackages().get(1).pipeline().get(0).runs());
  }

  @Test
  void compile_usesWithDefaultsNestedAndNeeds_inlined() throws Exception {
    Fixtures.write(tmp, "pipelines/outer.yaml", """
        name: outer
        needs:
          packages:
            - zlib
            - ${{inputs.tool}}
        inputs:
          tool:
            default: make
          dest:
            default: ${{targets.contextdir}}/usr
        pipeline:
          - uses: inner
            with:
              what: ${{inputs.dest}}
        """);
    Fixtures.write(tmp, "pipelines/inner.yaml",
        "inputs:\n  what:\n    required: true\nruns: install ${{inputs.what}} ${{inputs.tool}}\n");
    CompiledRecipe r = Fixtures.compile(tmp, HEAD + """
        environment:
          contents:
            packages: [busybox, zlib]
          environment:
            PREFIX: ${{targets.destdir}}
        pipeline:
          - working-directory: src
            environment:
              A: b
            pipeline:
              - uses: outer
                with:
                  tool: cmake
        """);
    Step outer = r.main().pipeline().get(0).children().get(0);
    assertEquals(Map.of("tool", "cmake", "dest", "/home/build/melange-out/hello/usr"), outer.with());
    Step inner = outer.children().get(0);
    assertEquals("install /home/build/melange-out/hello/usr cmake", inner.runs());
    assertEquals("src", inner.workingDirectory());
    assertEquals(Map.of("A", "b"), inner.environment());
    assertEquals(List.of("busybox", "cmake", "zlib"), r.environment().packages());
    assertEquals("/home/build/melange-out/hello", r.environment().environment().get("PREFIX"));
    assertEquals("outer", outer.displayName());
    assertNull(r.test());
  }

  private static Text cond(String expr) {
    return Text.of(expr, SourcePos.of(null));
  }

  @Test
  void evaluate_andOrStrictlyLeftToRight_parensGroup() throws Exception {
    Map<String, String> v = Map.of("a", "1");
    // (true || false) && false, not true || (false && false)
    assertEquals(false, Condition.evaluate(cond("'x' == 'x' || 'x' == 'y' && 'x' == 'y'"), v));
    assertEquals(true, Condition.evaluate(cond("'x' == 'x' || ('x' == 'y' && 'x' == 'y')"), v));
    assertEquals(true, Condition.evaluate(cond("${{ a }} != '2' && \"${{a}}\" == '1'"), v));
  }
}
