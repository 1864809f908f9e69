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

/** fetch and git-checkout compile into typed steps, their values checked once at their positions. */
class HostStepCompileTest {
  static final String SHA = "AB".repeat(32);
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;

  @Test
  void compile_fetch_typedWithDefaultsAndAbsoluteDirectory() throws Exception {
    CompiledRecipe r = compile(tmp, HEAD + "pipeline:\n  - working-directory: src\n    uses: fetch\n    with:\n"
        + "      uri: https://example.com/a-${{package.version}}.tar.gz\n      expected-sha256: " + SHA + "\n"
        + "      directory: sub\n      strip-components: 0\n");
    assertEquals(new HostStep.Fetch("https://example.com/a-1.0.tar.gz", "sha256", SHA.toLowerCase(),
        "/home/build/src/sub", true, 0, false), r.main().pipeline().get(0).host());
  }

  @Test
  void compile_fetchSha512_preferredOverSha256() throws Exception {
    CompiledRecipe r = compile(tmp, HEAD + "pipeline:\n  - uses: fetch\n    with:\n      uri: a.tgz\n"
        + "      expected-sha256: " + SHA + "\n      expected-sha512: " + "c".repeat(128) + "\n      extract: \"False\"\n");
    HostStep.Fetch f = (HostStep.Fetch) r.main().pipeline().get(0).host();
    assertEquals(List.of("sha512", "c".repeat(128), "/home/build", false),
        List.of(f.algorithm(), f.digest(), f.directory(), f.extract()));
  }

  @Test
  void compile_fetchBadValues_refusedAtTheValue() throws Exception {
    assertEquals("r.yaml:8:5: fetch of a.tgz needs expected-sha256 or expected-sha512",
        error(tmp, HEAD + "pipeline:\n  - uses: fetch\n    with:\n      uri: a.tgz\n"));
    assertEquals("r.yaml:12:25: strip-components must be a whole number of at least 0, found 'two'",
        error(tmp, HEAD + "pipeline:\n  - uses: fetch\n    with:\n      uri: a.tgz\n      expected-sha256: " + SHA
            + "\n      strip-components: two\n"));
    assertEquals("r.yaml:12:15: delete must be true or false, found 'yes'",
        error(tmp, HEAD + "pipeline:\n  - uses: fetch\n    with:\n      uri: a.tgz\n      expected-sha256: " + SHA
            + "\n      delete: yes\n"));
  }

  @Test
  void compile_gitCheckout_typedDepthAndCherryPicks() throws Exception {
    CompiledRecipe r = compile(tmp, HEAD + "pipeline:\n  - uses: git-checkout\n    with:\n"
        + "      repository: https://example.com/x.git\n      tag: v${{package.version}}\n"
        + "      expected-commit: " + COMMIT + "\n      depth: -1\n      destination: ${{targets.destdir}}/src\n"
        + "      cherry-picks: |\n        # why\n        main/" + COMMIT + ": fix\n");
    assertEquals(new HostStep.Git("https://example.com/x.git", "v1.0", null, COMMIT, -1,
        "/home/build/melange-out/hello/src", false, List.of("main/" + COMMIT + ": fix")),
        r.main().pipeline().get(0).host());
  }

  @Test
  void compile_gitCheckoutDepthUnset_zero() throws Exception {
    CompiledRecipe r = compile(tmp, HEAD + "pipeline:\n  - uses: git-checkout\n    with:\n"
        + "      repository: https://example.com/x.git\n      branch: main\n");
    HostStep.Git g = (HostStep.Git) r.main().pipeline().get(0).host();
    assertEquals(0, g.depth());
    assertNull(g.tag());
    assertEquals("/home/build", g.destination());
  }

  @Test
  void compile_gitCheckoutBadValues_refusedAtTheValue() throws Exception {
    String head = HEAD + "pipeline:\n  - uses: git-checkout\n    with:\n      repository: x\n";
    assertEquals("r.yaml:12:15: git-checkout: set tag or branch, not both",
        error(tmp, head + "      tag: v1\n      branch: main\n"));
    assertEquals("r.yaml:11:24: expected-commit must be a full 40-digit lower-case commit id, found '"
        + COMMIT.toUpperCase() + "'", error(tmp, head + "      expected-commit: " + COMMIT.toUpperCase() + "\n"));
    assertEquals("r.yaml:11:14: depth must be a whole number of at least -1, found '-2'",
        error(tmp, head + "      depth: -2\n"));
  }

  @Test
  void compile_ordinaryStep_noHostStep() throws Exception {
    assertNull(compile(tmp, HEAD + "pipeline:\n  - runs: make\n").main().pipeline().get(0).host());
  }
}
