package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constraints that broke an earlier pass, kept with who asked for them. apk weighs every
 * requirer of a name before it chooses a candidate; a depth-first search sees them one at a
 * time, so a broken constraint is remembered and later choices prefer candidates that meet it,
 * whichever of their names it was on.
 */
final class Lessons {
  private record Lesson(Dependency dep, String requirer) {}

  private final Map<String, List<Lesson>> byName = new HashMap<>();

  /** Remembers the atom of {@code g}; false when it was already known. */
  boolean add(Goal g) {
    Lesson l = new Lesson(g.dep(), g.by() == null ? null : g.by().label());
    List<Lesson> list = byName.computeIfAbsent(g.dep().name(), n -> new ArrayList<>());
    if (list.contains(l)) {
      return false;
    }
    list.add(l);
    return true;
  }

  /** How many remembered constraints, on any name it gives, {@code c} would break. */
  int penalty(Candidate c) {
    int n = 0;
    for (Candidate.Provide p : c.provides()) {
      for (Lesson l : byName.getOrDefault(p.name(), List.of())) {
        n += c.matches(l.dep()) == l.dep().conflict() ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * The lessons whose requirer is the world or one of {@code chosen} ({@code name-version}), or null when all
   * are: a lesson from a package that did not stay may have cost a newer version for nothing.
   */
  Lessons live(Set<String> chosen) {
    Lessons kept = new Lessons();
    boolean stale = false;
    for (Map.Entry<String, List<Lesson>> e : byName.entrySet()) {
      for (Lesson l : e.getValue()) {
        if (l.requirer() == null || chosen.contains(l.requirer())) {
          kept.byName.computeIfAbsent(e.getKey(), n -> new ArrayList<>()).add(l);
        } else {
          stale = true;
        }
      }
    }
    return stale ? kept : null;
  }
}
