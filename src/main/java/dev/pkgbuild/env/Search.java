package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One search of the resolver: meets the goals depth first (a goal with a choice waits for those
 * without one), taking for each name the candidate apk would prefer ({@link Preference}). When a goal is broken by an earlier choice, the
 * search jumps back to that choice and makes it again knowing the broken constraint (apk weighs
 * every requirer of a name before it chooses); the constraint is also kept as a lesson
 * ({@link Lessons}) for later choices. Any other failure backtracks chronologically.
 */
final class Search {
  private static final int MAX_BACKTRACKS = 100_000;

  /** Goals still to meet, immutable so that a choice point keeps its own. */
  private record Goals(Goal head, Goals tail) {}

  /** A goal being met: where the search stood, the candidates not yet tried, what it must now weigh. */
  private static final class ChoicePoint {
    final Goal goal;
    final Goals rest;
    final Goals later;
    final List<Candidate> left;
    final int mark;
    final List<Dependency> must = new ArrayList<>();

    ChoicePoint(Goal goal, Goals rest, Goals later, List<Candidate> left, int mark) {
      this.goal = goal;
      this.rest = rest;
      this.later = later;
      this.left = left;
      this.mark = mark;
    }
  }

  private final Universe universe;
  private final Lessons lessons;
  private final Preference preference;
  private final SolverState state = new SolverState();
  private final ArrayDeque<ChoicePoint> stack = new ArrayDeque<>();
  private final Map<Candidate, ChoicePoint> chosenAt = new IdentityHashMap<>();
  private String firstFailure;
  /** Where the search goes next: the goals now, and those put off (newest first). */
  private Goals advanced;
  private Goals advancedLater;
  private int backtracks;
  /** Set with a failure when an earlier choice broke the goal: that choice, and the goal. */
  private Candidate culprit;
  private Goal broken;

  Search(Universe universe, Lessons lessons) {
    this.universe = universe;
    this.lessons = lessons;
    this.preference = new Preference(universe, lessons);
  }

  SolverState state() {
    return state;
  }

  /** Meets every world atom (given sorted by name); null on success, else the first failure met. */
  String run(List<Dependency> world) {
    Goals goals = null;
    Goals later = null;
    for (int i = world.size() - 1; i >= 0; i--) {
      state.require(world.get(i).name());
      goals = new Goals(Goal.world(world.get(i)), goals);
    }
    while (true) {
      if (goals == null && later != null) {
        goals = reversed(later);
        later = null;
      }
      if (goals == null) {
        Goal offer = nextInstallIf();
        if (offer == null) {
          return null;
        }
        goals = new Goals(offer, null);
      }
      Goal g = goals.head();
      String failure = step(g, goals.tail(), later);
      if (failure == null) {
        goals = advanced;
        later = advancedLater;
        continue;
      }
      if (firstFailure == null) {
        firstFailure = failure;
      }
      if (!backjump() && !backtrack()) {
        return firstFailure;
      }
      goals = advanced;
      later = advancedLater;
    }
  }

  private static Goals reversed(Goals list) {
    Goals out = null;
    for (Goals g = list; g != null; g = g.tail()) {
      out = new Goals(g.head(), out);
    }
    return out;
  }

  /**
   * Meets one goal, setting {@link #advanced} and {@link #advancedLater} to the goals that
   * follow; returns why it cannot.
   */
  private String step(Goal g, Goals rest, Goals later) {
    Dependency d = g.dep();
    advanced = rest;
    advancedLater = later;
    culprit = null;
    if (d.conflict()) {
      Candidate v = state.violator(d);
      if (v == null) {
        state.addConflict(g);
        return null;
      }
      blame(v, g);
      return g.describe() + " but " + state.reason(v).describe();
    }
    if (!g.installIf() && state.satisfies(d)) {
      return null;
    }
    Candidate owner = g.installIf() ? null : state.owner(d.name());
    if (owner != null) {
      blame(owner, g);
      Goal why = state.reason(owner);
      String chosen = why.dep().name().equals(d.name()) ? "" : " (" + owner.label() + ")";
      return why.describe() + chosen + " but " + g.describe();
    }
    return choose(g, rest, later);
  }

  /**
   * Takes a candidate for a goal nothing meets yet. A goal with a choice first waits until the
   * goals without one are met, as apk selects names with one option first, so that their
   * constraints weigh in.
   */
  private String choose(Goal g, Goals rest, Goals later) {
    Dependency d = g.dep();
    List<Candidate> ok = new ArrayList<>();
    String failure = options(g, ok);
    if (ok.isEmpty() && g.installIf()) {
      // apk leaves out a triggered package that cannot join, but fails on its missing dependencies
      state.skip(d.name());
      return null;
    }
    if (ok.isEmpty()) {
      return failure;
    }
    if (ok.size() > 1 && !g.waited() && !g.installIf()) {
      lessons.addCommon(ok);
      advancedLater = new Goals(g.waiting(), later);
      return null;
    }
    ChoicePoint cp = new ChoicePoint(g, rest, later, ok, state.mark());
    stack.push(cp);
    take(cp);
    return null;
  }

  private void blame(Candidate c, Goal g) {
    lessons.add(g);
    culprit = c;
    broken = g;
  }

  /**
   * Goes back to the choice that broke the failed goal and makes it again, now counting the
   * broken constraint; false when there is no such choice or it already knew the constraint.
   */
  private boolean backjump() {
    ChoicePoint cp = culprit == null ? null : chosenAt.get(culprit);
    if (cp == null || !stack.contains(cp) || cp.must.contains(broken.dep())) {
      return false;
    }
    while (stack.peek() != cp) {
      stack.pop();
    }
    state.rollback(cp.mark);
    cp.left.add(culprit);
    cp.must.add(broken.dep());
    take(cp);
    return true;
  }

  /** Tries the next way of the top choice point, after undoing the last; false when none is left. */
  private boolean backtrack() {
    while (!stack.isEmpty() && backtracks++ < MAX_BACKTRACKS) {
      ChoicePoint cp = stack.peek();
      state.rollback(cp.mark);
      if (!cp.left.isEmpty()) {
        take(cp);
        return true;
      }
      stack.pop();
    }
    return false;
  }

  private void take(ChoicePoint cp) {
    Candidate c = preference.best(cp.left, cp.goal, cp.must);
    cp.left.remove(c);
    chosenAt.put(c, cp);
    state.choose(c, cp.goal);
    Goals goals = cp.rest;
    List<Dependency> deps = c.depends();
    for (int i = deps.size() - 1; i >= 0; i--) {
      goals = new Goals(Goal.of(deps.get(i), c, cp.goal.allowedTags()), goals);
    }
    advanced = goals;
    advancedLater = cp.later;
  }

  /** Fills {@code ok} with the candidates that can meet {@code g}; returns why there are none. */
  private String options(Goal g, List<Candidate> ok) {
    Dependency d = g.dep();
    List<Candidate> rejected = new ArrayList<>();
    List<String> why = new ArrayList<>();
    List<Candidate> tagged = new ArrayList<>();
    List<Candidate> virtual = new ArrayList<>();
    for (Universe.Provider p : universe.providers(d.name())) {
      Candidate c = p.candidate();
      if (!d.matches(d.name(), p.version(), c.entry().checksum()) || state.isChosen(c)
          || (g.installIf() && !(c.name().equals(d.name()) && triggered(c)))) {
        continue;
      }
      if (p.version() == null && c.priority() == 0 && !state.isRequired(c.name())) {
        virtual.add(c);
      } else if (!g.allows(c, universe)) {
        tagged.add(c);
      } else {
        String no = rejection(c, g);
        if (no == null) {
          ok.add(c);
        } else {
          rejected.add(c);
          why.add(no);
        }
      }
    }
    if (!rejected.isEmpty()) {
      return why.get(rejected.indexOf(preference.best(rejected, g, List.of())));
    }
    if (!tagged.isEmpty()) {
      return Messages.onlyTagged(g, preference.best(tagged, g, List.of()), universe);
    }
    if (!virtual.isEmpty()) {
      return Messages.virtual(g, virtual);
    }
    return "nothing provides " + d.format() + " (needed by " + g.requirer() + ")";
  }

  private String rejection(Candidate c, Goal g) {
    Goal conflict = state.conflictWith(c);
    if (conflict != null) {
      return conflict.describe() + " but " + g.describe();
    }
    return state.nameClash(c);
  }

  private boolean triggered(Candidate c) {
    if (c.installIf().isEmpty() || !c.untagged()) {
      return false;
    }
    for (Dependency t : c.installIf()) {
      // apk never sees a conflict atom in i: as met: the name it names is not resolved
      if (t.conflict() || !state.satisfies(t)) {
        return false;
      }
    }
    return true;
  }

  /** The next package whose {@code i:} atoms are all met, offered by name, or null. */
  private Goal nextInstallIf() {
    for (String name : universe.installIfNames()) {
      if (state.provider(name) != null || state.isSkipped(name)) {
        continue;
      }
      for (Universe.Provider p : universe.providers(name)) {
        if (p.candidate().name().equals(name) && triggered(p.candidate())) {
          return Goal.installIf(new Dependency(false, name, null, null, null));
        }
      }
    }
    return null;
  }
}
