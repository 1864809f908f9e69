package dev.pkgbuild.graph;

/**
 * {@code from} needs {@code to} because of {@code need}.
 *
 * @param from the recipe that needs
 * @param to the recipe that produces the needed name
 * @param need the name and the recipe line that created the edge
 */
public record Edge(String from, String to, Need need) {
  @Override
  public String toString() {
    return from + " -> " + need.name() + (need.name().equals(to) ? "" : " (from " + to + ")");
  }
}
