package dev.pkgbuild.pipeline;

import java.util.List;

/**
 * A compiled test block.
 *
 * @param environment the test environment, including the package under test and the steps' needs
 * @param pipeline the test steps
 */
public record CompiledTest(CompiledEnvironment environment, List<Step> pipeline) {
  /** Copies the list. */
  public CompiledTest {
    pipeline = List.copyOf(pipeline);
  }
}
