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
  // A recipe searched to the end reaches no cycle and stays done: a cut changes only the edges
  // of a recipe on the search path, whose search resumes from its first edge.
  private final Map<String, Integer> state = new HashMap<>();
  private final List<Frame> stack = new ArrayList<>();

  /** A recipe on the search path: its edges (one per target) and the next one to follow. */
  private static final class Frame {
    final String id;
    List<Edge> targets;
    int next;

    Frame(String id, List<Edge> targets) {
      this.id = id;
      this.targets = targets;
    }

    Edge followed() {
      return targets.get(next - 1);
    }
  }

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
      if (!state.containsKey(root)) {
        push(root);
      }
      while (!stack.isEmpty()) {
        Frame top = stack.get(stack.size() - 1);
        if (top.next == top.targets.size()) {
          state.put(top.id, DONE);
          stack.remove(stack.size() - 1);
          continue;
        }
        Edge e = top.targets.get(top.next++);
        Integer s = state.get(e.to());
        if (s == null) {
          push(e.to());
        } else if (s == ON_PATH) {
          List<Cut> made = cut(cycleClosedBy(e));
          cuts.addAll(made);
          resumeAt(made.get(0).edge().from());
        }
      }
    }
    return cuts;
  }

  private void push(String id) {
    state.put(id, ON_PATH);
    stack.add(new Frame(id, firstPerTarget(id)));
  }

  /** The edges around the cycle that {@code closing} closes, from the recipe it returns to. */
  private List<Edge> cycleClosedBy(Edge closing) {
    int from = stack.size() - 1;
    while (!stack.get(from).id.equals(closing.to())) {
      from--;
    }
    List<Edge> cycle = new ArrayList<>();
    for (int i = from; i < stack.size() - 1; i++) {
      cycle.add(stack.get(i).followed());
    }
    cycle.add(closing);
    return cycle;
  }

  /** Drops the path below {@code id}, whose edges changed, and searches them again from the first. */
  private void resumeAt(String id) {
    while (!stack.get(stack.size() - 1).id.equals(id)) {
      state.remove(stack.remove(stack.size() - 1).id);
    }
    Frame f = stack.get(stack.size() - 1);
    f.targets = firstPerTarget(id);
    f.next = 0;
  }

  private List<Cut> cut(List<Edge> cycle) {
    String text = chain(cycle);
    for (boolean recipesOnly : new boolean[] {true, false}) {
      for (Edge e : cycle) {
        // Most edges cannot be served otherwise: their first need says so before the rest are read.
        if (serve(e, text, recipesOnly) == null) {
          continue;
        }
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
    Set<String> seen = new HashSet<>();
    return links.get(id).stream().filter(e -> seen.add(e.to())).toList();
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
