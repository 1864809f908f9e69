package dev.pkgbuild.graph;

/**
 * {@code from} needs {@code to} because of {@code need}.
 *
 * @param from the recipe that needs
 * @param to the recipe that produces the needed name ({@code from} itself for its own output)
 * @param need the name and the recipe line that created the edge
 */
public record Edge(String from, String to, Need need) {
  @Override
  public String toString() {
    return from + " -> " + need.name() + (need.name().equals(to) ? "" : " (from " + to + ")");
  }

  /** {@code curl needs git (environment, curl.yaml:20:7)}. */
  public String describe() {
    return from + " needs " + need.name() + " (" + need.describe() + ", " + need.pos() + ")";
  }
}
