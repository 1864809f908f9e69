package dev.pkgbuild.pipeline;

import static dev.pkgbuild.pipeline.Fixtures.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ${{...}} in an if is one value, as in melange: the shape of melange's examples/conditional.yaml. */
class ConditionValueTest {
  @TempDir Path tmp;

  static final String CONDITIONAL = """
      package:
        name: hello
        version: 2.12
        epoch: 0
        description: "an example of how conditionals influence build behavior"
        target-architecture:
          - all
        copyright:
          - paths:
            - "*"
            license: Not-Applicable
        dependencies:
          runtime:
      pipeline:
        - if: ${{package.name}} == 'hello'
          runs: |
            echo "package name matches 'hello'!"
        - if: ${{package.name}} != 'hello'
          runs: |
            echo "package name doesn't match hello!"
        - uses: fetch
          if: ${{package.name}} != 'hello'
          with:
            uri: https://ftp.gnu.org/gnu/hello/hello-${{package.version}}.tar.gz
            expected-sha256: cf04af86dc085268c5f4470fbae49b18afbc221b78096aab842d934a76bad0ab
        - runs: |
            mkdir -p "${{targets.destdir}}"
      subpackages:
        - name: hello-${{vars.kind}}
          if: ${{vars.kind}} == 'doc' && '${{package.version}}' == '2.12'
      vars:
        kind: doc
      """;

  @Test
  void compile_conditionalExample_substitutionsAreValues() throws Exception {
    CompiledRecipe r = compile(tmp, CONDITIONAL);
    assertEquals(List.of("echo \"package name matches 'hello'!\"\n", "mkdir -p \"/home/build/melange-out/hello\"\n"),
        r.main().pipeline().stream().map(Step::runs).toList());
    assertEquals(List.of("hello-doc"), r.subpackages().stream().map(CompiledPackage::name).toList());
  }

  @Test
  void compile_valueHoldingSpacesAndQuotes_comparedWhole() throws Exception {
    CompiledRecipe r = compile(tmp, Fixtures.HEAD + """
        vars:
          odd: "a b' == 'c"
        pipeline:
          - if: ${{vars.odd}} == "a b' == 'c"
            runs: yes
          - if: ${{ vars.odd }} == 'a b'
            runs: no
        """);
    assertEquals(List.of("yes"), r.main().pipeline().stream().map(Step::runs).toList());
  }
}
