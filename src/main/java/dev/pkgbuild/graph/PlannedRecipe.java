package dev.pkgbuild.graph;

import java.nio.file.Path;

/**
 * One recipe of a tree and what the plan says about it. It keeps names, not the compiled
 * recipe: a build compiles its recipe again, and a plan of thousands holds only this.
 *
 * @param file the recipe file
 * @param id the main package's name: the recipe's id in the graph
 * @param fullVersion the main package's {@code version-rEPOCH}
 * @param inputs the hash of its build inputs when the decision needed it (to compare with the one
 *     recorded when it was built), else null
 * @param reason whether and why it is built
 * @param detail one line explaining the reason
 */
public record PlannedRecipe(Path file, String id, String fullVersion, String inputs, PlanReason reason,
    String detail) {
  /** {@code name-version-rEPOCH}. */
  public String nameVersion() {
    return id + "-" + fullVersion;
  }

  public boolean toBuild() {
    return reason != PlanReason.PRESENT;
  }
}
