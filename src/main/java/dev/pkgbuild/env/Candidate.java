package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import java.util.List;

/**
 * One installable package: an index entry (the same build, by {@code C:}, may sit in several
 * repositories), with its atoms parsed once.
 *
 * @param entry the index record
 * @param repos the indexes of the repositories holding it, ascending
 * @param untagged whether one of those repositories has no tag
 * @param depends {@code D:}
 * @param provides the package's own name at its version first, then {@code p:}
 * @param installIf {@code i:}
 */
record Candidate(IndexEntry entry, List<Integer> repos, boolean untagged, List<Dependency> depends,
    List<Provide> provides, List<Dependency> installIf) {

  /** A name a package gives: versioned (owns the name) or, with a null version, virtual. */
  record Provide(String name, String version) {}

  Candidate {
    repos = List.copyOf(repos);
    depends = List.copyOf(depends);
    provides = List.copyOf(provides);
    installIf = List.copyOf(installIf);
  }

  String name() {
    return entry.name();
  }

  /** {@code name-version}, the way apk names a package in messages. */
  String label() {
    return entry.name() + "-" + entry.version();
  }

  int priority() {
    return entry.providerPriority() == null ? 0 : entry.providerPriority();
  }

  int firstRepo() {
    return repos.get(0);
  }

  /** What this package gives for {@code name}, or null when it does not give it. */
  Provide provide(String name) {
    for (Provide p : provides) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /** Whether the chosen package would violate a conflict atom {@code !name[op V]}, or satisfy a plain atom. */
  boolean matches(Dependency atom) {
    Provide p = provide(atom.name());
    return p != null && atom.matches(p.name(), p.version(), entry.checksum());
  }
}
