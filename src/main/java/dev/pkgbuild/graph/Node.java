package dev.pkgbuild.graph;

import java.util.List;
import java.util.Set;

/**
 * One recipe in the graph.
 *
 * @param id the recipe's main package name
 * @param packages the packages it builds: main package and subpackages
 * @param provides the extra names those packages provide
 * @param needs what it needs, in recipe order
 */
public record Node(String id, Set<String> packages, Set<String> provides, List<Need> needs) {
  public Node {
    packages = Set.copyOf(packages);
    provides = Set.copyOf(provides);
    needs = List.copyOf(needs);
  }
}
