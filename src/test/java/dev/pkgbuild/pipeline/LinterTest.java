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
        version: 1.0-beta
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
      subpackages:
        - name: bad-doc
        - name: bad-doc
      """;

  @Test
  void lint_badRecipe_everyRuleReports() throws Exception {
    Path f = Fixtures.write(tmp, "bad.yaml", BAD);
    List<String> lines = new Linter(List.of()).lint(f).stream()
        .map(x -> x.toString().replace(tmp + "/", "")).toList();
    assertEquals(List.of(
        "bad.yaml:2:3: warning: package bad has no copyright license",
        "bad.yaml:2:3: error: version '1.0-beta' is not a valid apk version: '-' is not allowed (the epoch gives the -rN part)",
        "bad.yaml:6:3: warning: var 'unused' is never used",
        "bad.yaml:9:5: error: fetch without expected-sha256 or expected-sha512",
        "bad.yaml:12:5: error: git-checkout without expected-commit",
        "bad.yaml:15:7: warning: input 'destination' of git-checkout is set to its default '.'; drop it",
        "bad.yaml:18:5: error: duplicate package name 'bad-doc' (first at bad.yaml:17:5)"), lines);
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
