package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.recipe.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text renders of corpus recipes, checked by hand against melange's rules; regenerate with
 * {@code -Dpkgbuild.updateGoldens=true} and review the diff.
 */
class GoldenRenderTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "libmspack, x86_64, brief", // var-transform with a plain replacement
      "php-8.2-pecl-http, x86_64, brief", // var-transforms
      "lua5.3, x86_64, brief", // var-transforms with groups
      "curl, x86_64, brief", // var-transforms, provides
      "py3-pathspec, x86_64, brief", // ranges over py-versions
      "meson, x86_64, brief", // ranges
      "openblas, x86_64, brief", // ranges, if on arch and on range.key, nested steps
      "openblas, aarch64, brief",
      "gcc, aarch64, brief", // if on arch, var-transforms
      "gst-libav, x86_64, brief", // nested pipeline, working-directory
      "ocaml-num, x86_64, brief", // nested pipeline
      "font-stix-otf-arm, aarch64, brief", // target-architecture
      "bzip2, x86_64, brief",
  })
  void render_corpusRecipe_matchesGolden(String name, String arch, String mode) throws Exception {
    Path corpus = CorpusCompileTest.corpus();
    CompiledRecipe r = new RecipeCompiler(List.of(corpus.resolve("pipelines")))
        .compile(corpus.resolve(name + ".yaml"), Arch.parse(arch), Map.of());
    assertGolden(name + "-" + arch + ".txt", Renderer.text(r, mode.equals("full")));
  }

  /** A fixture with its own pipelines, fully inlined: independent of the built-in catalog. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"x86_64", "aarch64"})
  void render_nestedFixtureFullyInlined_matchesGolden(String arch) throws Exception {
    Path dir = Path.of("src/test/resources/recipes/nested");
    CompiledRecipe r = new RecipeCompiler(List.of(dir.resolve("pipelines")))
        .compile(dir.resolve("nested.yaml"), Arch.parse(arch), Map.of());
    assertGolden("nested-" + arch + ".txt", Renderer.text(r));
  }

  private static void assertGolden(String name, String actual) throws java.io.IOException {
    Path golden = Path.of("src/test/resources/golden/render", name);
    if (Boolean.getBoolean("pkgbuild.updateGoldens")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
      return;
    }
    assertEquals(Files.readString(golden), actual, "rerun with -Dpkgbuild.updateGoldens=true and review");
  }
}
