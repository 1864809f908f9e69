package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;

/**
 * A {@code test} block: an environment and the steps that test the package.
 *
 * @param environment the test environment
 * @param pipeline the test steps
 * @param pos where the block starts
 */
public record TestSpec(EnvironmentSpec environment, List<StepSpec> pipeline, SourcePos pos) {
  /** Copies the list. */
  public TestSpec {
    pipeline = List.copyOf(pipeline);
  }
}
