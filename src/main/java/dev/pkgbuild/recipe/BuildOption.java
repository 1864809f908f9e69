package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * One entry of a recipe's top-level {@code options:}, inert until enabled by name
 * ({@code --build-option}): melange's fields, nothing more.
 *
 * @param name the option's name
 * @param vars vars it sets, in file order, overriding the recipe's
 * @param varsPos where each of those vars is declared
 * @param add packages it adds to the build environment
 * @param remove packages it takes out of the build environment, as written there
 * @param pos where the option is declared
 */
public record BuildOption(String name, Map<String, String> vars, Map<String, SourcePos> varsPos, List<Text> add,
    List<Text> remove, SourcePos pos) {
  /** Copies the collections. */
  public BuildOption {
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    varsPos = Map.copyOf(varsPos);
    add = List.copyOf(add);
    remove = List.copyOf(remove);
  }
}
