package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each lint rule on a small recipe. */
class LinterTest {
  @TempDir Path tmp;

  static final String BAD = """
      package:
        name: bad
        version: 1.0
        epoch: 0
      vars:
        unused: x
        used: y
      pipeline:
        - uses: fetch
          with:
            uri: https://example.com/${{vars.used}}.tar.gz
        - uses: git-checkout
          with:
            repository: https://example.com/x.git
            destination: .
      """;

  @Test
  void lint_badRecipe_everyRuleReports() throws Exception {
    Path f = Fixtures.write(tmp, "bad.yaml", BAD);
    assertEquals(List.of(
        "bad.yaml:2:3: warning: package bad has no copyright license",
        "bad.yaml:6:3: warning: var 'unused' is never used",
        "bad.yaml:9:5: error: fetch of https://example.com/y.tar.gz needs expected-sha256 or expected-sha512",
        "bad.yaml:12:5: warning: git-checkout without expected-commit",
        "bad.yaml:15:7: warning: input 'destination' of git-checkout is set to its default '.'; drop it"), lint(f));
  }

  @Test
  void lint_gitCheckoutWithoutExpectedCommit_warningNotError() throws Exception {
    Path f = Fixtures.write(tmp, "git.yaml", Fixtures.HEAD + """
        pipeline:
          - uses: git-checkout
            with:
              repository: https://example.com/x.git
              tag: v1
        """);
    List<Finding> findings = new Linter(List.of()).lint(f);
    assertEquals(List.of("git.yaml:8:5: warning: git-checkout without expected-commit"), lint(f));
    assertEquals(false, findings.get(0).error());
  }

  @Test
  void lint_staticErrors_reportedAtTheirValue() throws Exception {
    Path f = Fixtures.write(tmp, "v.yaml", Fixtures.HEAD.replace("version: 1.0", "version: 1.0~beta!"));
    assertEquals(List.of("v.yaml:3:12: error: version '1.0~beta!' is not a valid apk version: unexpected '~' at position 4"),
        lint(f));
    Path d = Fixtures.write(tmp, "d.yaml", Fixtures.HEAD + "subpackages:\n  - name: hello-doc\n  - name: hello-doc\n");
    assertEquals(List.of("d.yaml:9:5: error: duplicate package name 'hello-doc' (first at d.yaml:8:5)"), lint(d));
    Path a = Fixtures.write(tmp, "a.yaml", Fixtures.HEAD + "  dependencies:\n    runtime:\n      - foo bar>>1\n");
    assertEquals(List.of("a.yaml:9:9: error: invalid dependency 'foo bar>>1': one atom has no spaces (list each one on its own) in runtime dependencies"),
        lint(a));
  }

  private List<String> lint(Path f) throws Exception {
    return new Linter(List.of()).lint(f).stream().map(x -> x.toString().replace(tmp + "/", "")).toList();
  }

  @Test
  void lint_cleanRecipe_noFindings() throws Exception {
    Path f = Fixtures.write(tmp, "ok.yaml", Fixtures.HEAD + "pipeline:\n  - runs: make\n");
    assertEquals(List.of(), new Linter(List.of()).lint(f));
  }

  @Test
  void lint_exampleRecipes_clean() throws Exception {
    try (var files = java.nio.file.Files.list(Path.of("recipes"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        assertEquals(List.of(), new Linter(List.of()).lint(f), f.toString());
      }
    }
  }

  @Test
  void lint_recipeThatDoesNotLoad_oneError() throws Exception {
    Path f = Fixtures.write(tmp, "broken.yaml", Fixtures.HEAD + "pipline: []\n");
    assertEquals(List.of("broken.yaml:7:1: error: unknown key 'pipline' in recipe (did you mean 'pipeline'?)"),
        new Linter(List.of()).lint(f).stream().map(x -> x.toString().replace(tmp + "/", "")).toList());
  }
}
