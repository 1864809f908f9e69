package dev.pkgbuild.graph;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recipe in the graph.
 *
 * @param id the recipe's main package name
 * @param packages the packages it builds, each with its {@code provider-priority} (0 when unset)
 * @param provides the extra names those packages provide, each at the providing package's priority
 * @param needs what it needs, in recipe order
 */
public record Node(String id, Map<String, Integer> packages, Map<String, Integer> provides, List<Need> needs) {
  public Node {
    packages = Map.copyOf(packages);
    provides = Map.copyOf(provides);
    needs = List.copyOf(needs);
  }

  /** Whether this recipe makes {@code name}, as a package or a provided name. */
  public boolean makes(String name) {
    return packages.containsKey(name) || provides.containsKey(name);
  }

  /** The package names. */
  public Set<String> packageNames() {
    return packages.keySet();
  }
}
