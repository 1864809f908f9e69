package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Wolfi corpus recipe loads and compiles for both arches with Wolfi's pipeline dir. */
class CorpusCompileTest {
  static Path corpus() {
    return Requires.shared().resolve("corpus/wolfi");
  }

  static List<Path> recipes() throws IOException {
    try (Stream<Path> s = Files.list(corpus())) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void compile_everyCorpusRecipeBothArches_noErrors() throws IOException {
    RecipeCompiler compiler = new RecipeCompiler(List.of(corpus().resolve("pipelines")));
    List<String> failures = new ArrayList<>();
    int compiled = 0;
    for (Path recipe : recipes()) {
      for (Arch arch : Arch.values()) {
        try {
          Renderer.text(compiler.compile(recipe, arch, Map.of()));
          compiled++;
        } catch (PkgbuildException e) {
          if (!e.getMessage().contains("builds only for")) {
            failures.add(e.getMessage());
          }
        }
      }
    }
    assertEquals(List.of(), failures);
    assertFalse(compiled < 290, "compiled only " + compiled);
  }
}
