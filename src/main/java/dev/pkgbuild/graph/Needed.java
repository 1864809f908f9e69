package dev.pkgbuild.graph;

import java.util.Comparator;
import java.util.List;

/**
 * One package of the bootstrap set: a name some recipes need in their build environment that
 * no recipe of the tree can be built before (it is their own output, or closes a cycle no
 * bootstrap recipe breaks) and no repository holds. It must come from an existing repository.
 *
 * @param name the package or provided name
 * @param cuts the needs of it that were cut, in the order they were cut
 */
public record Needed(String name, List<Cut> cuts) {
  private static final int NAMED = 3;

  public Needed {
    cuts = List.copyOf(cuts);
  }

  /** The recipes that need it, in the order their needs were cut. */
  public List<String> neededBy() {
    return cuts.stream().map(c -> c.edge().from()).distinct().toList();
  }

  /** {@code busybox: needed by acl, make, coreutils and 12 more, in cycles such as ...}. */
  public String describe() {
    List<String> by = neededBy();
    String who = String.join(", ", by.subList(0, Math.min(NAMED, by.size())))
        + (by.size() > NAMED ? " and " + (by.size() - NAMED) + " more" : "");
    Cut first = cuts.get(0);
    String why = cuts.stream().filter(c -> !c.ownOutput())
        .min(Comparator.comparingInt((Cut c) -> c.cycle().length()))
        .map(c -> "in a cycle no recipe of the tree breaks, such as " + c.cycle())
        .orElse("as their own output");
    return name + ": needed by " + who + " (" + first.edge().need().pos() + "), " + why;
  }
}
