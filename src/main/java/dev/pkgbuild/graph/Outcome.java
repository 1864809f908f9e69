package dev.pkgbuild.graph;

/** What happened to one recipe in a tree build. */
public enum Outcome {
  BUILT("built"),
  PRESENT("already present"),
  FAILED("failed"),
  SKIPPED("skipped: a dependency failed"),
  CANCELLED("not started (--fail-fast)");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
