package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkVersion;
import dev.pkgbuild.apk.Dependency;
import java.util.List;

/** Which candidate apk takes for a goal: its order of preference (environments.md §2.3). */
final class Preference {
  private final Universe universe;
  private final Lessons lessons;

  Preference(Universe universe, Lessons lessons) {
    this.universe = universe;
    this.lessons = lessons;
  }

  /** The candidate apk would take first; on a tie the earlier one (repository, then index order). */
  Candidate best(List<Candidate> list, Goal g, List<Dependency> must) {
    Candidate best = list.get(0);
    for (int i = 1; i < list.size(); i++) {
      if (compare(list.get(i), best, g, must) > 0) {
        best = list.get(i);
      }
    }
    return best;
  }

  /**
   * Positive when {@code a} is preferred for {@code g}, in apk's order (environments.md §2.3):
   * fewer broken constraints (remembered ones and {@code must}), preferred tag, higher version of the requested name, higher
   * version of the same package, higher provider_priority, earlier repository.
   */
  private int compare(Candidate a, Candidate b, Goal g, List<Dependency> must) {
    String name = g.dep().name();
    int r = Integer.compare(penalty(b, must), penalty(a, must));
    if (r == 0) {
      r = Boolean.compare(g.prefers(a, universe), g.prefers(b, universe));
    }
    if (r == 0) {
      String va = a.provide(name).version();
      String vb = b.provide(name).version();
      r = va == null || vb == null ? 0 : Integer.signum(ApkVersion.compare(va, vb));
    }
    if (r == 0 && a.name().equals(b.name())) {
      r = Integer.signum(ApkVersion.compare(a.entry().version(), b.entry().version()));
    }
    if (r == 0) {
      r = Integer.compare(a.priority(), b.priority());
    }
    return r != 0 ? r : Integer.compare(b.firstRepo(), a.firstRepo());
  }

  private int penalty(Candidate c, List<Dependency> must) {
    int n = lessons.penalty(c);
    for (Dependency d : must) {
      n += c.matches(d) == d.conflict() ? 1 : 0;
    }
    return n;
  }
}
