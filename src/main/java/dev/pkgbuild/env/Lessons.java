package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
  /** An atom and who asks for it: any of {@code requirers} ({@code name-version}), none for the world. */
  private record Lesson(Dependency dep, Set<String> requirers) {}

  private final Map<String, List<Lesson>> byName = new HashMap<>();

  /** Remembers the atom of {@code g}; false when it was already known. */
  boolean add(Goal g) {
    return add(new Lesson(g.dep(), g.by() == null ? Set.of() : Set.of(g.by().label())));
  }

  /** Remembers the versioned and conflict atoms that all of {@code candidates} depend on. */
  void addCommon(List<Candidate> candidates) {
    Set<String> labels = new HashSet<>();
    candidates.forEach(c -> labels.add(c.label()));
    for (Dependency d : candidates.get(0).depends()) {
      if ((d.conflict() || d.op() != null) && candidates.stream().allMatch(c -> c.depends().contains(d))) {
        add(new Lesson(d, labels));
      }
    }
  }

  private boolean add(Lesson l) {
    List<Lesson> list = byName.computeIfAbsent(l.dep().name(), n -> new ArrayList<>());
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
        if (l.requirers().isEmpty() || l.requirers().stream().anyMatch(chosen::contains)) {
          kept.byName.computeIfAbsent(e.getKey(), n -> new ArrayList<>()).add(l);
        } else {
          stale = true;
        }
      }
    }
    return stale ? kept : null;
  }
}
