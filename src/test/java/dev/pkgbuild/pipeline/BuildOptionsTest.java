package dev.pkgbuild.pipeline;

import static dev.pkgbuild.pipeline.Fixtures.HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.recipe.RecipeInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recipe's {@code options:} and a vars file, applied before substitution as melange means them. */
class BuildOptionsTest {
  static final String RECIPE = HEAD + """
      environment:
        contents:
          packages:
            - build-base
            - openssl-dev
            - busybox
      vars:
        tls: --with-openssl
        extra: none
      options:
        rustls:
          vars:
            tls: --with-rustls
          environment:
            contents:
              packages:
                add:
                  - rustls-ffi
                remove:
                  - openssl-dev
        debug:
          vars:
            tls: --with-debug-tls
      pipeline:
        - runs: ./configure ${{vars.tls}} ${{vars.extra}}
        - if: ${{options.rustls.enabled}} == 'true'
          runs: echo rustls
      subpackages:
        - if: ${{options.rustls.enabled}} == 'false'
          name: hello-openssl
      """;

  @TempDir Path tmp;

  private CompiledRecipe compile(String recipe, Path varsFile, String... options) throws Exception {
    Path f = Fixtures.write(tmp, "r.yaml", recipe);
    return new RecipeCompiler(List.of()).compile(f, Arch.X86_64, Map.of(),
        new RecipeInputs(List.of(options), varsFile));
  }

  private String error(String recipe, Path varsFile, String... options) {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> compile(recipe, varsFile, options));
    return e.getMessage().replace(tmp + "/", "");
  }

  private static List<String> runs(CompiledRecipe r) {
    return r.main().pipeline().stream().map(Step::runs).toList();
  }

  @Test
  void compile_noOptionEnabled_recipeAsWritten() throws Exception {
    CompiledRecipe r = compile(RECIPE, null);
    assertEquals(List.of("build-base", "busybox", "openssl-dev"), r.environment().packages());
    assertEquals(List.of("./configure --with-openssl none"), runs(r));
    assertEquals(List.of("hello-openssl"), r.subpackages().stream().map(CompiledPackage::name).toList());
    assertEquals(List.of(), r.buildOptions());
  }

  @Test
  void compile_optionEnabled_addsRemovesPackagesOverridesVarsAndTurnsItsNameTrue() throws Exception {
    CompiledRecipe r = compile(RECIPE, null, "rustls");
    assertEquals(List.of("build-base", "busybox", "rustls-ffi"), r.environment().packages());
    assertEquals(List.of("./configure --with-rustls none", "echo rustls"), runs(r));
    assertEquals(List.of(), r.subpackages());
    assertEquals(List.of("rustls"), r.buildOptions());
  }

  @Test
  void compile_severalOptions_laterOneWins() throws Exception {
    assertEquals("./configure --with-debug-tls none", runs(compile(RECIPE, null, "rustls", "debug")).get(0));
    assertEquals("./configure --with-rustls none", runs(compile(RECIPE, null, "debug", "rustls")).get(0));
  }

  @Test
  void compile_optionAddsThenRemoves_andRemovesEveryCopy() throws Exception {
    String recipe = RECIPE.replace("      - busybox\n", "      - busybox\n      - openssl-dev\n")
        .replace("            - rustls-ffi\n", "            - rustls-ffi\n            - openssl-dev\n");
    assertEquals(List.of("build-base", "busybox", "openssl-dev"), compile(recipe, null).environment().packages());
    assertEquals(List.of("build-base", "busybox", "rustls-ffi"), compile(recipe, null, "rustls").environment().packages());
  }

  @Test
  void compile_optionVarsReachVarTransformsAndPackageFields() throws Exception {
    String recipe = RECIPE.replace("pipeline:\n  - runs:", """
        var-transforms:
          - from: ${{vars.tls}}
            match: ^--with-
            replace: tls-
            to: tlsname
        pipeline:
          - runs: echo ${{vars.tlsname}}
          - runs:""");
    assertEquals("echo tls-rustls", runs(compile(recipe, null, "rustls")).get(0));
  }

  @Test
  void render_optionWithoutEffect_stillChangesTheRenderedInputs() throws Exception {
    String recipe = RECIPE.replace("  debug:\n", "  noop:\n  debug:\n");
    String plain = Renderer.text(compile(recipe, null));
    String noop = Renderer.text(compile(recipe, null, "noop"));
    assertNotEquals(plain, noop);
    assertTrue(noop.startsWith("recipe r.yaml for x86_64\nbuild-options: noop\n"), noop);
  }

  @Test
  void compile_unknownOption_oneLineNamingRecipeAndOption() {
    assertEquals("r.yaml: recipe hello has no build option 'gtk' (it has: rustls, debug)",
        error(RECIPE, null, "rustls", "gtk"));
    assertEquals("r.yaml: recipe hello has no build option 'gtk'", error(HEAD, null, "gtk"));
  }

  @Test
  void load_badOptionsBlock_refusedAtThePlace() {
    assertEquals("r.yaml:21:7: unknown key 'packages' in options.rustls.environment",
        error(RECIPE.replace("      contents:\n        packages:\n          add", "      packages:\n          add"),
            null));
    assertEquals("r.yaml:23:11: unknown key 'ad' in options.rustls.environment.contents.packages (did you mean 'add'?)",
        error(RECIPE.replace("add:", "ad:"), null));
    assertEquals("r.yaml:18:5: unknown key 'var' in options.rustls (did you mean 'vars'?)",
        error(RECIPE.replace("    vars:\n      tls: --with-rustls", "    var:\n      tls: --with-rustls"), null));
    assertEquals("r.yaml:19:7: expected a mapping for options.rustls.vars, found a list",
        error(RECIPE.replace("      tls: --with-rustls", "      - tls"), null));
    assertEquals("r.yaml:24:15: expected a string for an item of 'add' in options.rustls.environment.contents.packages, "
        + "found a mapping", error(RECIPE.replace("- rustls-ffi", "- name: rustls-ffi"), null));
    assertEquals("r.yaml:8:11: expected a mapping for options.rustls, found a string",
        error(HEAD + "options:\n  rustls: yes\n", null));
  }

  @Test
  void compile_varsFile_overRecipeVarsUnderOptions() throws Exception {
    Path vars = Files.writeString(tmp.resolve("vars.yaml"), "tls: --from-file\nextra: file\n");
    assertEquals("./configure --from-file file", runs(compile(RECIPE, vars)).get(0));
    assertEquals("./configure --with-rustls file", runs(compile(RECIPE, vars, "rustls")).get(0));
  }

  @Test
  void compile_varsFile_definesVarsTheRecipeLacks() throws Exception {
    String recipe = HEAD + "pipeline:\n  - runs: echo ${{vars.only}}\n";
    assertEquals("r.yaml:8:16: unknown substitution '${{vars.only}}' in runs of step 'echo ${{vars.only}}'", error(recipe, null));
    Path vars = Files.writeString(tmp.resolve("vars.yaml"), "only: '2'\n");
    assertEquals(List.of("echo 2"), runs(compile(recipe, vars)));
  }

  @Test
  void compile_badVarsFile_refusedAtThePlace() throws Exception {
    Path vars = tmp.resolve("vars.yaml");
    Files.writeString(vars, "tls: --x\nextra:\n  - a\n");
    assertEquals("vars.yaml:3:3: expected a string for 'extra' in vars file, found a list", error(RECIPE, vars));
    Files.writeString(vars, "- tls\n");
    assertEquals("vars.yaml:1:1: expected a mapping for vars file, found a list", error(RECIPE, vars));
    Files.writeString(vars, "tls: --x\ntls: --y\n");
    assertTrue(error(RECIPE, vars).startsWith("vars.yaml:2:1: "), error(RECIPE, vars));
    Files.writeString(vars, "tls: [unclosed\n");
    assertTrue(error(RECIPE, vars).matches("vars\\.yaml:\\d+:\\d+: .*"), error(RECIPE, vars));
    assertEquals(tmp.resolve("none.yaml") + ": no such file",
        assertThrows(PkgbuildException.class, () -> compile(RECIPE, tmp.resolve("none.yaml"))).getMessage());
  }
}
