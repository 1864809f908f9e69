package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constraints known before the name they constrain is chosen, kept with who asks for them.
 * apk weighs every requirer of a name before it chooses a candidate; a depth-first search sees
 * them one at a time, so a constraint that broke an earlier choice is remembered, and so is one
 * that every candidate of a waiting goal carries (apk merges those too); later choices prefer
 * candidates that meet them, whichever of their names they are on.
 */
final class Lessons {
  /** An atom and who asks for it: the world, or any of {@code requirers} (by identity). */
  private static final class Lesson {
    final Dependency dep;
    boolean world;
    final Set<Candidate> requirers = Collections.newSetFromMap(new IdentityHashMap<>());

    Lesson(Dependency dep) {
      this.dep = dep;
    }
  }

  private final Map<String, List<Lesson>> byName = new HashMap<>();

  /** Remembers the atom of {@code g}; false when it was already known from that requirer. */
  boolean add(Goal g) {
    Lesson l = lesson(g.dep());
    if (g.by() == null) {
      boolean added = !l.world;
      l.world = true;
      return added;
    }
    return l.requirers.add(g.by());
  }

  /** Remembers the versioned and conflict atoms that all of {@code candidates} depend on. */
  void addCommon(List<Candidate> candidates) {
    for (Dependency d : candidates.get(0).depends()) {
      if ((d.conflict() || d.op() != null) && candidates.stream().allMatch(c -> c.depends().contains(d))) {
        lesson(d).requirers.addAll(candidates);
      }
    }
  }

  private Lesson lesson(Dependency d) {
    List<Lesson> list = byName.computeIfAbsent(d.name(), n -> new ArrayList<>());
    for (Lesson l : list) {
      if (l.dep.equals(d)) {
        return l;
      }
    }
    Lesson l = new Lesson(d);
    list.add(l);
    return l;
  }

  /** How many remembered constraints, on any name it gives, {@code c} would break. */
  int penalty(Candidate c) {
    int n = 0;
    for (Candidate.Provide p : c.provides()) {
      for (Lesson l : byName.getOrDefault(p.name(), List.of())) {
        n += c.matches(l.dep) == l.dep.conflict() ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * The lessons asked for by the world or a package {@code state} chose, or null when that is
   * all of them: a lesson from a package that did not stay may have cost a newer version for
   * nothing.
   */
  Lessons live(SolverState state) {
    Lessons kept = new Lessons();
    boolean stale = false;
    for (Map.Entry<String, List<Lesson>> e : byName.entrySet()) {
      for (Lesson l : e.getValue()) {
        if (l.world || l.requirers.stream().anyMatch(state::isChosen)) {
          kept.byName.computeIfAbsent(e.getKey(), n -> new ArrayList<>()).add(l);
        } else {
          stale = true;
        }
      }
    }
    return stale ? kept : null;
  }
}
