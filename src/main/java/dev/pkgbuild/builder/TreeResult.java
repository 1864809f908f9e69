package dev.pkgbuild.builder;

import dev.pkgbuild.graph.Outcome;
import dev.pkgbuild.graph.Plan;
import java.util.Map;

/**
 * What a tree build did.
 *
 * @param plan the plan it followed
 * @param outcomes each recipe's outcome
 * @param failures the error of each failed recipe
 */
public record TreeResult(Plan plan, Map<String, Outcome> outcomes, Map<String, Exception> failures) {
  public TreeResult {
    outcomes = Map.copyOf(outcomes);
    failures = Map.copyOf(failures);
  }

  public boolean ok() {
    return outcomes.values().stream().noneMatch(o -> o == Outcome.FAILED || o == Outcome.SKIPPED
        || o == Outcome.CANCELLED);
  }
}
