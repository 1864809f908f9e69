package dev.pkgbuild.graph;

/** Why a recipe is (or is not) built in a tree build. */
public enum PlanReason {
  MISSING("missing"),
  CHANGED("changed"),
  FORCED("forced"),
  PRESENT("present");

  private final String label;

  PlanReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
