package dev.pkgbuild.graph;

import dev.pkgbuild.diag.SourcePos;

/**
 * A name a recipe needs: in its build environment, in a test environment, or at run time.
 * Only build-environment needs order builds: tests run after their package is built and a
 * runtime dependency matters when an environment is installed, not when its package is built.
 *
 * @param name the package or provided name needed (no version constraint)
 * @param kind why it is needed
 * @param pkg the package whose test or runtime needs it; the main package for the environment
 * @param pos where the recipe says so
 */
public record Need(String name, Kind kind, String pkg, SourcePos pos) {
  /** Why a recipe needs a name. */
  public enum Kind {
    ENVIRONMENT("environment"),
    TEST("test"),
    RUNTIME("runtime");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Whether the recipe cannot be built before the need is: only build-environment needs. */
  public boolean ordersBuilds() {
    return kind == Kind.ENVIRONMENT;
  }

  /** {@code environment}, {@code test of foo-dev} or {@code runtime of foo}, for messages. */
  public String describe() {
    return kind == Kind.ENVIRONMENT ? kind.label() : kind.label() + " of " + pkg;
  }
}
