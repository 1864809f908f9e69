package dev.pkgbuild.graph;

/**
 * A build-environment need that does not order builds the way it first would: it closed a
 * cycle, or names the recipe's own output (gcc builds with gcc).
 *
 * @param edge the need as first linked; {@code to} equals {@code from} for the recipe's own output
 * @param way how the need is served instead
 * @param by the bootstrap recipe it is linked to now, or the repository package that serves it,
 *     or null when nothing does
 * @param cycle the cycle it broke as {@code a -> b -> a}, or "" for the recipe's own output
 */
public record Cut(Edge edge, Way way, String by, String cycle) {
  /** How a cut need is served. */
  public enum Way {
    /** By a {@code *-bootstrap} or {@code *-stage0} recipe providing the name at a lower priority. */
    BOOTSTRAP_RECIPE,
    /** By a package an existing repository holds. */
    REPOSITORY,
    /** By nothing yet: the package must come from an existing repository first. */
    UNSERVED
  }

  /** Whether the need names the recipe's own output. */
  public boolean ownOutput() {
    return edge.from().equals(edge.to());
  }

  /** One line: what was cut, why, and what serves the need now. */
  public String describe() {
    String why = ownOutput() ? "its own output" : "breaking the cycle " + cycle;
    String served = switch (way) {
      case BOOTSTRAP_RECIPE -> "built with " + by + " instead of " + edge.to() + ", which provides it at a lower priority";
      case REPOSITORY -> "served by " + by;
      case UNSERVED -> "no repository holds it";
    };
    return edge.describe() + ", " + why + ": " + served;
  }
}
