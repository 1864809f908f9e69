package dev.pkgbuild.pipeline;

import dev.pkgbuild.recipe.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recipe compiled for one arch: what a build runs.
 *
 * @param file the recipe file
 * @param arch the target arch
 * @param main the main package
 * @param subpackages subpackages after range expansion and {@code if}, in order
 * @param environment the build environment
 * @param test the main package's test, or null
 * @param buildOptions the recipe's build options that were applied, in order
 */
public record CompiledRecipe(Path file, Arch arch, CompiledPackage main, List<CompiledPackage> subpackages,
    CompiledEnvironment environment, CompiledTest test, List<String> buildOptions) {
  /** Copies the lists. */
  public CompiledRecipe {
    subpackages = List.copyOf(subpackages);
    buildOptions = buildOptions == null ? List.of() : List.copyOf(buildOptions);
  }

  /** A recipe compiled without build options. */
  public CompiledRecipe(Path file, Arch arch, CompiledPackage main, List<CompiledPackage> subpackages,
      CompiledEnvironment environment, CompiledTest test) {
    this(file, arch, main, subpackages, environment, test, List.of());
  }

  /** The main package, then the subpackages. */
  public List<CompiledPackage> packages() {
    List<CompiledPackage> all = new ArrayList<>(subpackages.size() + 1);
    all.add(main);
    all.addAll(subpackages);
    return all;
  }
}
