package dev.pkgbuild.graph;

import dev.pkgbuild.pipeline.CompiledRecipe;
import java.nio.file.Path;

/**
 * One recipe of a tree and what the plan says about it.
 *
 * @param file the recipe file
 * @param recipe the recipe compiled for the plan's arch
 * @param inputs the hash of its build inputs when the decision needed it (to compare with the one
 *     recorded when it was built), else null
 * @param reason whether and why it is built
 * @param detail one line explaining the reason
 */
public record PlannedRecipe(Path file, CompiledRecipe recipe, String inputs, PlanReason reason, String detail) {
  /** The main package's name: the recipe's id in the graph. */
  public String id() {
    return recipe.main().name();
  }

  /** {@code name-version-rEPOCH}. */
  public String nameVersion() {
    return recipe.main().name() + "-" + recipe.main().fullVersion();
  }

  public boolean toBuild() {
    return reason != PlanReason.PRESENT;
  }
}
