package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import java.util.HashSet;
import java.util.Set;

/**
 * One constraint still to meet: an atom, who asked for it (null: the world), the repository
 * tags its requirer may use, whether it is an {@code install_if} offer rather than a need, and
 * whether it was already put off.
 */
record Goal(Dependency dep, Candidate by, Set<String> tags, boolean installIf, boolean waited) {
  Goal {
    tags = Set.copyOf(tags);
  }

  static Goal world(Dependency dep) {
    return new Goal(dep, null, Set.of(), false, false);
  }

  static Goal of(Dependency dep, Candidate by, Set<String> tags) {
    return new Goal(dep, by, tags, false, false);
  }

  /** The same goal, put off once already. */
  Goal waiting() {
    return new Goal(dep, by, tags, installIf, true);
  }

  static Goal installIf(Dependency dep) {
    return new Goal(dep, null, Set.of(), true, false);
  }

  boolean fromWorld() {
    return by == null && !installIf;
  }

  /** The tags a package chosen for this goal may pass on: the requirer's and the atom's own. */
  Set<String> allowedTags() {
    if (dep.tag() == null) {
      return tags;
    }
    Set<String> s = new HashSet<>(tags);
    s.add(dep.tag());
    return s;
  }

  /** May this goal take {@code c}: from an untagged repository or one whose tag it allows. */
  boolean allows(Candidate c, Universe u) {
    if (c.untagged()) {
      return true;
    }
    Set<String> allowed = allowedTags();
    return c.repos().stream().anyMatch(r -> allowed.contains(u.repository(r).tag()));
  }

  /** Untagged repositories are preferred, except by a world atom naming its own tag. */
  boolean prefers(Candidate c, Universe u) {
    if (fromWorld() && dep.tag() != null) {
      return c.repos().stream().anyMatch(r -> dep.tag().equals(u.repository(r).tag()));
    }
    return c.untagged();
  }

  /** {@code world requires foo} or {@code bar-1-r0 depends on foo}, for messages. */
  String describe() {
    if (installIf) {
      return "install_if offers " + dep.format();
    }
    return by == null ? "world requires " + dep.format() : by.label() + " depends on " + dep.format();
  }

  /** {@code world} or the requirer's {@code name-version}. */
  String requirer() {
    return by == null ? "world" : by.label();
  }
}
