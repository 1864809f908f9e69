package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Constraints that broke an earlier pass, kept with who asked for them. apk weighs every
 * requirer of a name before it chooses a candidate; a depth-first search sees them one at a
 * time, so a broken constraint is remembered and the next pass prefers candidates that meet
 * it, as long as its requirer is itself required.
 */
final class Lessons {
  private record Lesson(Dependency dep, String requirer) {}

  private final Map<String, List<Lesson>> byName = new HashMap<>();

  /** Remembers the atom of {@code g}; false when it was already known. */
  boolean add(Goal g) {
    Lesson l = new Lesson(g.dep(), g.by() == null ? null : g.by().name());
    List<Lesson> list = byName.computeIfAbsent(g.dep().name(), n -> new ArrayList<>());
    if (list.contains(l)) {
      return false;
    }
    list.add(l);
    return true;
  }

  /** How many remembered constraints on {@code name}, from requirers still required, {@code c} would break. */
  int penalty(Candidate c, String name, SolverState state) {
    int n = 0;
    for (Lesson l : byName.getOrDefault(name, List.of())) {
      if ((l.requirer() == null || state.isRequired(l.requirer())) && c.matches(l.dep()) == l.dep().conflict()) {
        n++;
      }
    }
    return n;
  }
}
