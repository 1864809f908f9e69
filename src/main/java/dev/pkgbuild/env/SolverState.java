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

/**
 * The packages chosen so far, who owns each name, and the active {@code !} conflicts. Every
 * change logs its own undo, so the search backtracks by rolling the log back to a mark.
 */
final class SolverState {
  private final Map<String, Candidate> owners = new HashMap<>();
  private final Map<String, List<Candidate>> virtuals = new HashMap<>();
  private final Map<Candidate, Goal> chosenFor = new IdentityHashMap<>();
  private final List<Candidate> chosen = new ArrayList<>();
  private final Map<String, List<Goal>> conflicts = new HashMap<>();
  private final Map<String, Integer> required = new HashMap<>();
  private final Set<String> skipped = new HashSet<>();
  private final ArrayDeque<Runnable> undo = new ArrayDeque<>();

  int mark() {
    return undo.size();
  }

  void rollback(int mark) {
    while (undo.size() > mark) {
      undo.pop().run();
    }
  }

  /** Records {@code c} as chosen for {@code why}, owning its versioned names. */
  void choose(Candidate c, Goal why) {
    chosen.add(c);
    chosenFor.put(c, why);
    undo.push(() -> {
      chosen.remove(chosen.size() - 1);
      chosenFor.remove(c);
    });
    for (Candidate.Provide p : c.provides()) {
      if (p.version() != null) {
        owners.put(p.name(), c);
        undo.push(() -> owners.remove(p.name()));
      } else {
        List<Candidate> list = virtuals.computeIfAbsent(p.name(), n -> new ArrayList<>());
        list.add(c);
        undo.push(() -> list.remove(list.size() - 1));
      }
    }
    for (Dependency d : c.depends()) {
      if (!d.conflict()) {
        require(d.name());
      }
    }
  }

  void require(String name) {
    required.merge(name, 1, Integer::sum);
    undo.push(() -> required.merge(name, -1, Integer::sum));
  }

  boolean isRequired(String name) {
    return required.getOrDefault(name, 0) > 0;
  }

  void addConflict(Goal g) {
    List<Goal> list = conflicts.computeIfAbsent(g.dep().name(), n -> new ArrayList<>());
    list.add(g);
    undo.push(() -> list.remove(list.size() - 1));
  }

  void skip(String installIfName) {
    if (skipped.add(installIfName)) {
      undo.push(() -> skipped.remove(installIfName));
    }
  }

  boolean isSkipped(String name) {
    return skipped.contains(name);
  }

  Candidate owner(String name) {
    return owners.get(name);
  }

  boolean isChosen(Candidate c) {
    return chosenFor.containsKey(c);
  }

  Goal reason(Candidate c) {
    return chosenFor.get(c);
  }

  List<Candidate> chosen() {
    return chosen;
  }

  /** The package apk would link a name to: its owner, else the first virtual provider chosen. */
  Candidate provider(String name) {
    Candidate o = owners.get(name);
    if (o != null) {
      return o;
    }
    List<Candidate> v = virtuals.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Whether a plain atom is met by what is chosen: the owner's version, or any virtual provider for a bare name. */
  boolean satisfies(Dependency d) {
    if (d.conflict()) {
      return violator(d) == null;
    }
    Candidate o = owners.get(d.name());
    if (o != null) {
      return o.matches(d);
    }
    List<Candidate> v = virtuals.get(d.name());
    return d.op() == null && v != null && !v.isEmpty();
  }

  /** A chosen package that a conflict atom forbids, or null. */
  Candidate violator(Dependency conflict) {
    Candidate o = owners.get(conflict.name());
    if (o != null && o.matches(conflict)) {
      return o;
    }
    for (Candidate c : virtuals.getOrDefault(conflict.name(), List.of())) {
      if (c.matches(conflict)) {
        return c;
      }
    }
    return null;
  }

  /** An active conflict that would forbid {@code c}, or null. */
  Goal conflictWith(Candidate c) {
    for (Candidate.Provide p : c.provides()) {
      for (Goal g : conflicts.getOrDefault(p.name(), List.of())) {
        if (c.matches(g.dep())) {
          return g;
        }
      }
    }
    return null;
  }

  /**
   * Why {@code c} cannot join the chosen packages on account of a name it gives: another
   * package gives it too and not both without a version. Null when nothing clashes.
   */
  String nameClash(Candidate c) {
    for (Candidate.Provide p : c.provides()) {
      Candidate o = owners.get(p.name());
      List<Candidate> v = virtuals.getOrDefault(p.name(), List.of());
      Candidate other = o != null ? o : p.version() != null && !v.isEmpty() ? v.get(0) : null;
      if (other != null && other != c) {
        return "conflict: " + other.label() + " and " + c.label() + " both provide " + p.name();
      }
    }
    return null;
  }
}
