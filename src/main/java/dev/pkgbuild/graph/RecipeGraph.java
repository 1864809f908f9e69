package dev.pkgbuild.graph;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recipes and the edges between them: an edge runs from a recipe to the recipe that
 * produces a name it needs, whether that name is a main package, a subpackage or a
 * provided name (every provider, when several provide it). Names nobody produces are
 * external and make no edge.
 */
public final class RecipeGraph {
  private final Map<String, Node> nodes;
  private final Map<String, List<Edge>> edges;

  private RecipeGraph(Map<String, Node> nodes, Map<String, List<Edge>> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  /**
   * Builds the graph.
   *
   * @throws PkgbuildException when two recipes produce the same name
   */
  public static RecipeGraph of(Collection<Node> all) throws PkgbuildException {
    Map<String, Node> nodes = new TreeMap<>();
    for (Node n : all) {
      if (nodes.put(n.id(), n) != null) {
        throw PkgbuildException.badInput("two recipes build the package '" + n.id() + "'");
      }
    }
    Map<String, String> builder = new HashMap<>();
    Map<String, List<String>> providers = new HashMap<>();
    for (Node n : nodes.values()) {
      for (String name : new TreeSet<>(n.packages())) {
        String other = builder.putIfAbsent(name, n.id());
        if (other != null) {
          throw PkgbuildException.badInput("the package '" + name + "' is built by both " + other
              + " and " + n.id() + "; rename one of them");
        }
      }
      for (String name : new TreeSet<>(n.provides())) {
        providers.computeIfAbsent(name, k -> new ArrayList<>()).add(n.id());
      }
    }
    Map<String, List<Edge>> edges = new TreeMap<>();
    for (Node n : nodes.values()) {
      Map<String, Edge> out = new LinkedHashMap<>();
      for (Need need : n.needs()) {
        String pkg = builder.get(need.name());
        List<String> to = pkg != null ? List.of(pkg) : providers.getOrDefault(need.name(), List.of());
        for (String t : to) {
          if (!t.equals(n.id())) {
            out.putIfAbsent(t, new Edge(n.id(), t, need));
          }
        }
      }
      edges.put(n.id(), List.copyOf(out.values()));
    }
    return new RecipeGraph(nodes, edges);
  }

  public Map<String, Node> nodes() {
    return nodes;
  }

  /** The recipes {@code id} depends on, one edge per recipe (the first reason). */
  public List<Edge> edgesFrom(String id) {
    return edges.getOrDefault(id, List.of());
  }

  /**
   * All recipes, dependencies first; ties are broken by name so the order is stable.
   *
   * @throws PkgbuildException naming the full cycle and the recipe lines of each edge
   */
  public List<String> topologicalOrder() throws PkgbuildException {
    List<String> order = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>();
    for (String id : nodes.keySet()) {
      visit(id, state, order, new ArrayList<>());
    }
    return order;
  }

  private void visit(String id, Map<String, Integer> state, List<String> order, List<Edge> path)
      throws PkgbuildException {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      throw cycle(id, path);
    }
    state.put(id, 1);
    for (Edge e : edgesFrom(id)) {
      path.add(e);
      visit(e.to(), state, order, path);
      path.remove(path.size() - 1);
    }
    state.put(id, 2);
    order.add(id);
  }

  private static PkgbuildException cycle(String start, List<Edge> path) {
    int from = 0;
    while (!path.get(from).from().equals(start)) {
      from++;
    }
    List<Edge> loop = path.subList(from, path.size());
    StringBuilder chain = new StringBuilder(start);
    StringBuilder where = new StringBuilder();
    for (Edge e : loop) {
      chain.append(" -> ").append(e.need().name());
      where.append("; ").append(e.need().pos()).append(": ").append(e.from()).append(" needs ")
          .append(e.need().name()).append(" (").append(e.need().kind()).append(")");
    }
    return PkgbuildException.badInput("dependency cycle: " + chain + where);
  }
}
