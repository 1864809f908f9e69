package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.recipe.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes small recipes and pipelines under a temp dir and compiles them. */
final class Fixtures {
  static final String HEAD = """
      package:
        name: hello
        version: 1.0
        epoch: 0
        copyright:
          - license: MIT
      """;

  private Fixtures() {}

  static Path write(Path dir, String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  /** Compiles {@code recipe} (HEAD is not added) with {@code dir/pipelines} as pipeline dir. */
  static CompiledRecipe compile(Path dir, String recipe) throws IOException, PkgbuildException {
    Path f = write(dir, "r.yaml", recipe);
    return new RecipeCompiler(List.of(dir.resolve("pipelines"))).compile(f, Arch.X86_64, Map.of());
  }

  /** The one-line message compiling {@code recipe} fails with. */
  static String error(Path dir, String recipe) throws IOException {
    try {
      compile(dir, recipe);
    } catch (PkgbuildException e) {
      return e.getMessage().replace(dir.toString() + "/", "");
    }
    throw new AssertionError("no error");
  }
}
