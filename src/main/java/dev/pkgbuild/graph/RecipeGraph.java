package dev.pkgbuild.graph;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recipes and the edges between them: an edge runs from a recipe to the recipe that makes a
 * name it needs, whether that name is a main package, a subpackage or a provided name (the
 * best provider, see {@link Makers}). Names nobody makes are external and make no edge.
 *
 * <p>Only build-environment needs order builds; test and runtime needs are kept as related
 * edges, for information. Build-environment cycles are broken as Wolfi breaks them (see
 * {@link CycleBreaker}); what no recipe of the tree and no repository can serve, such as a
 * recipe needing its own output, forms the bootstrap set.
 */
public final class RecipeGraph {
  private final Map<String, Node> nodes;
  private final Map<String, List<Edge>> edges;
  private final Map<String, List<Edge>> related;
  private final List<Cut> cuts;

  private RecipeGraph(Map<String, Node> nodes, Map<String, List<Edge>> edges, Map<String, List<Edge>> related,
      List<Cut> cuts) {
    this.nodes = nodes;
    this.edges = edges;
    this.related = related;
    this.cuts = List.copyOf(cuts);
  }

  /**
   * The graph with nothing held by any repository.
   *
   * @throws PkgbuildException when two recipes build the same package
   */
  public static RecipeGraph of(Collection<Node> all) throws PkgbuildException {
    return of(all, Holdings.none());
  }

  /**
   * Builds the graph, breaking build-environment cycles with what the tree's bootstrap recipes
   * and {@code held} offer.
   *
   * @throws PkgbuildException when two recipes build the same package
   */
  public static RecipeGraph of(Collection<Node> all, Holdings held) throws PkgbuildException {
    Map<String, Node> nodes = byId(all);
    Makers makers = new Makers(nodes);
    Map<String, List<Edge>> links = new TreeMap<>();
    Map<String, List<Edge>> related = new TreeMap<>();
    List<Cut> cuts = new ArrayList<>();
    for (Node n : nodes.values()) {
      List<Edge> out = new ArrayList<>();
      Map<String, Edge> info = new LinkedHashMap<>();
      for (Need need : n.needs()) {
        link(n, need, makers.of(need.name()), out, info).ifPresent(self -> cuts.add(ownOutput(self, held)));
      }
      links.put(n.id(), out);
      related.put(n.id(), List.copyOf(info.values()));
    }
    cuts.addAll(new CycleBreaker(makers, held, links).breakAll());
    Map<String, List<Edge>> edges = new TreeMap<>();
    links.forEach((id, out) -> edges.put(id, firstPerTarget(out)));
    return new RecipeGraph(nodes, edges, related, cuts);
  }

  private static Map<String, Node> byId(Collection<Node> all) throws PkgbuildException {
    Map<String, Node> nodes = new TreeMap<>();
    for (Node n : all) {
      if (nodes.put(n.id(), n) != null) {
        throw PkgbuildException.badInput("two recipes build the package '" + n.id() + "'");
      }
    }
    return nodes;
  }

  /**
   * Links {@code need} of {@code n} to the best other recipe that makes it: a build edge into
   * {@code out}, or a related edge into {@code info}. Returns the edge to itself when only
   * {@code n} makes a name its build environment needs.
   */
  private static Optional<Edge> link(Node n, Need need, List<String> makers, List<Edge> out, Map<String, Edge> info) {
    String to = null;
    for (int i = 0; i < makers.size() && to == null; i++) {
      to = makers.get(i).equals(n.id()) ? null : makers.get(i);
    }
    if (!need.ordersBuilds()) {
      if (to != null) {
        info.putIfAbsent(to + " " + need.kind(), new Edge(n.id(), to, need));
      }
    } else if (to != null) {
      out.add(new Edge(n.id(), to, need));
    } else if (n.makes(need.name())) {
      return Optional.of(new Edge(n.id(), n.id(), need));
    }
    return Optional.empty();
  }

  private static Cut ownOutput(Edge self, Holdings held) {
    return held.find(self.need().name())
        .map(h -> new Cut(self, Cut.Way.REPOSITORY, h.toString(), ""))
        .orElse(new Cut(self, Cut.Way.UNSERVED, null, ""));
  }

  private static List<Edge> firstPerTarget(List<Edge> links) {
    Map<String, Edge> out = new LinkedHashMap<>();
    links.forEach(e -> out.putIfAbsent(e.to(), e));
    return List.copyOf(out.values());
  }

  public Map<String, Node> nodes() {
    return nodes;
  }

  /** The recipes {@code id} must be built after, one edge per recipe (the first reason). */
  public List<Edge> edgesFrom(String id) {
    return edges.getOrDefault(id, List.of());
  }

  /** The recipes {@code id}'s tests and packages need at run time: information, not order. */
  public List<Edge> relatedFrom(String id) {
    return related.getOrDefault(id, List.of());
  }

  /** Every build-environment need that was cut, in the order the cuts were made. */
  public List<Cut> cuts() {
    return cuts;
  }

  /** The bootstrap set: what must come from an existing repository before the tree builds, by name. */
  public List<Needed> bootstrapSet() {
    Map<String, List<Cut>> byName = new TreeMap<>();
    cuts.stream().filter(c -> c.way() == Cut.Way.UNSERVED)
        .forEach(c -> byName.computeIfAbsent(c.edge().need().name(), k -> new ArrayList<>()).add(c));
    return byName.entrySet().stream().map(e -> new Needed(e.getKey(), e.getValue())).toList();
  }

  /**
   * All recipes, dependencies first; ties are broken by name so the order is stable.
   *
   * @throws PkgbuildException naming the full cycle and the recipe lines of each edge (none is
   *     left once the graph is built, so this means a defect)
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
      throw PkgbuildException.failed("dependency cycle left after breaking cycles: "
          + CycleBreaker.chain(CycleBreaker.loop(id, path)));
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
}
