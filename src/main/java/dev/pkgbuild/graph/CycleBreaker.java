package dev.pkgbuild.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Breaks the cycles of build-environment edges, one at a time, the way Wolfi does. Around a
 * cycle, the first edge whose needs a {@code *-bootstrap}/{@code *-stage0} recipe can serve (it
 * provides the name at a lower priority) is linked to that recipe instead; failing that, the
 * first edge whose needs an existing repository holds is cut; failing both, the edge that closed
 * the cycle is cut and its needs join the bootstrap set.
 */
final class CycleBreaker {
  private static final int ON_PATH = 1;
  private static final int DONE = 2;

  private final Makers makers;
  private final Holdings held;
  private final Map<String, List<Edge>> links;
  // Kept between searches: a recipe searched to the end reaches no cycle, and a cut only
  // changes edges of recipes on the cycle, which are searched again.
  private final Map<String, Integer> state = new HashMap<>();
  private final List<String> onPath = new ArrayList<>();
  private final List<Edge> path = new ArrayList<>();
  // Each recipe's edges with one per target, as searched; dropped when a cut changes them.
  private final Map<String, List<Edge>> targets = new HashMap<>();

  /** {@code links} is changed in place: each recipe's build-environment edges, one per need. */
  CycleBreaker(Makers makers, Holdings held, Map<String, List<Edge>> links) {
    this.makers = makers;
    this.held = held;
    this.links = links;
  }

  /** Cuts until no cycle is left; the cuts in the order they were made. */
  List<Cut> breakAll() {
    List<Cut> cuts = new ArrayList<>();
    for (String root : links.keySet()) {
      for (List<Edge> cycle = visit(root); cycle != null; cycle = visit(root)) {
        cuts.addAll(cut(cycle));
        onPath.forEach(state::remove);
        onPath.clear();
        path.clear();
      }
    }
    return cuts;
  }

  private List<Edge> visit(String id) {
    Integer s = state.get(id);
    if (s != null) {
      return s == ON_PATH ? List.copyOf(loop(id, path)) : null;
    }
    state.put(id, ON_PATH);
    onPath.add(id);
    for (Edge e : firstPerTarget(id)) {
      path.add(e);
      List<Edge> cycle = visit(e.to());
      if (cycle != null) {
        return cycle;
      }
      path.remove(path.size() - 1);
    }
    state.put(id, DONE);
    onPath.remove(onPath.size() - 1);
    return null;
  }

  private List<Cut> cut(List<Edge> cycle) {
    String text = chain(cycle);
    for (boolean recipesOnly : new boolean[] {true, false}) {
      for (Edge e : cycle) {
        List<Edge> between = between(e.from(), e.to());
        List<Cut> cuts = new ArrayList<>();
        for (Edge link : between) {
          Cut c = serve(link, text, recipesOnly);
          if (c == null) {
            break;
          }
          cuts.add(c);
        }
        if (cuts.size() == between.size()) {
          return apply(between, cuts);
        }
      }
    }
    Edge closing = cycle.get(cycle.size() - 1);
    List<Edge> between = between(closing.from(), closing.to());
    return apply(between, between.stream().map(l -> new Cut(l, Cut.Way.UNSERVED, null, text)).toList());
  }

  private Cut serve(Edge link, String cycle, boolean recipesOnly) {
    String name = link.need().name();
    String boot = makers.bootstrapFor(name, link.from(), link.to());
    if (boot != null) {
      return new Cut(link, Cut.Way.BOOTSTRAP_RECIPE, boot, cycle);
    }
    if (recipesOnly) {
      return null;
    }
    return held.find(name).map(h -> new Cut(link, Cut.Way.REPOSITORY, h.toString(), cycle)).orElse(null);
  }

  private List<Cut> apply(List<Edge> between, List<Cut> cuts) {
    List<Edge> out = links.get(between.get(0).from());
    out.removeAll(between);
    targets.remove(between.get(0).from());
    for (Cut c : cuts) {
      if (c.way() == Cut.Way.BOOTSTRAP_RECIPE) {
        out.add(new Edge(c.edge().from(), c.by(), c.edge().need()));
      }
    }
    return cuts;
  }

  private List<Edge> between(String from, String to) {
    return links.get(from).stream().filter(e -> e.to().equals(to)).toList();
  }

  private List<Edge> firstPerTarget(String id) {
    return targets.computeIfAbsent(id, k -> {
      Set<String> seen = new HashSet<>();
      return links.get(k).stream().filter(e -> seen.add(e.to())).toList();
    });
  }

  /** The edges of {@code path} from the one leaving {@code start}: the loop back to it. */
  static List<Edge> loop(String start, List<Edge> path) {
    int from = 0;
    while (!path.get(from).from().equals(start)) {
      from++;
    }
    return path.subList(from, path.size());
  }

  /** {@code a -> b -> a}. */
  static String chain(List<Edge> loop) {
    StringBuilder sb = new StringBuilder(loop.get(0).from());
    loop.forEach(e -> sb.append(" -> ").append(e.to()));
    return sb.toString();
  }
}
