package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * apk's install order over a finished selection (environments.md §2.7): world atoms by name;
 * for each, its package's dependencies depth first in {@code D:} order, then the package,
 * then every install_if package whose triggers are now all placed. Iterative, so a long
 * dependency chain cannot overflow the stack.
 */
final class InstallOrder {
  /** A package being placed, and how many of its dependencies are done. */
  private static final class Frame {
    final Candidate pkg;
    int next;

    Frame(Candidate pkg) {
      this.pkg = pkg;
    }
  }

  private static final TreeSet<String> EMPTY = new TreeSet<>();

  private final SolverState state;
  private final Set<String> namesSeen = new HashSet<>();
  private final Map<Candidate, Boolean> placed = new IdentityHashMap<>();
  private final Map<String, TreeSet<String>> triggeredBy = new HashMap<>();
  private final List<Candidate> order = new ArrayList<>();

  private InstallOrder(SolverState state) {
    this.state = state;
    for (Candidate c : state.chosen()) {
      for (Dependency t : c.installIf()) {
        triggeredBy.computeIfAbsent(t.name(), n -> new TreeSet<>()).add(c.name());
      }
    }
  }

  /** The chosen packages in install order; {@code world} sorted by name. */
  static List<Candidate> of(SolverState state, List<Dependency> world) {
    InstallOrder o = new InstallOrder(state);
    for (Dependency d : world) {
      o.visit(d.name());
    }
    return o.order;
  }

  private void visit(String root) {
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    enter(root, stack);
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.next < f.pkg.depends().size()) {
        enter(f.pkg.depends().get(f.next++).name(), stack);
        continue;
      }
      stack.pop();
      order.add(f.pkg);
      List<String> now = new ArrayList<>();
      for (Candidate.Provide p : f.pkg.provides()) {
        for (String iif : triggeredBy.getOrDefault(p.name(), EMPTY)) {
          if (!namesSeen.contains(iif) && !now.contains(iif) && triggersPlaced(state.provider(iif))) {
            now.add(iif);
          }
        }
      }
      // pushed last first, so they are placed one after the other in name order
      for (int i = now.size() - 1; i >= 0; i--) {
        enter(now.get(i), stack);
      }
    }
  }

  /** Marks a name as handled and, unless its package is already placed or on the way, starts placing it. */
  private void enter(String name, ArrayDeque<Frame> stack) {
    if (!namesSeen.add(name)) {
      return;
    }
    Candidate c = state.provider(name);
    if (c == null || placed.put(c, Boolean.TRUE) != null) {
      return;
    }
    c.provides().forEach(p -> namesSeen.add(p.name()));
    stack.push(new Frame(c));
  }

  private boolean triggersPlaced(Candidate c) {
    if (c == null) {
      return false;
    }
    for (Dependency t : c.installIf()) {
      if (!namesSeen.contains(t.name()) || !state.satisfies(t)) {
        return false;
      }
    }
    return true;
  }
}
