package dev.pkgbuild.graph;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What existing repositories already hold, by every name a package answers to (its own and
 * those it provides): a build-environment need they hold can be served without building
 * first, which is how a cycle, or a recipe that needs its own output, is broken.
 */
public final class Holdings {
  /**
   * A package that serves a name.
   *
   * @param nameVersion {@code name-version} of the package
   * @param repo the repository, as given
   */
  public record Held(String nameVersion, String repo) {
    @Override
    public String toString() {
      return nameVersion + " in " + repo;
    }
  }

  private static final Holdings NONE = new Holdings(Map.of());
  private final Map<String, Held> byName;

  private Holdings(Map<String, Held> byName) {
    this.byName = byName;
  }

  /** Nothing held. */
  public static Holdings none() {
    return NONE;
  }

  /** The packages of one repository's index; the newest serves a name several packages answer to. */
  public static Holdings of(String repo, Collection<IndexEntry> entries) {
    Map<String, Held> m = new HashMap<>();
    // In name and version order a later put is a newer package. Own names go last, so a
    // package of the name itself wins over one that only provides it.
    List<IndexEntry> sorted = entries.stream().sorted(ApkIndex.ORDER).toList();
    for (IndexEntry e : sorted) {
      for (String p : e.provides()) {
        bare(p).ifPresent(name -> m.put(name, held(e, repo)));
      }
    }
    for (IndexEntry e : sorted) {
      m.put(e.name(), held(e, repo));
    }
    return new Holdings(m);
  }

  /** These holdings, then {@code other}'s for names these lack. */
  public Holdings and(Holdings other) {
    Map<String, Held> m = new HashMap<>(other.byName);
    m.putAll(byName);
    return new Holdings(m);
  }

  /** The package that serves {@code name}, if any does. */
  public Optional<Held> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  private static Held held(IndexEntry e, String repo) {
    return new Held(e.name() + "-" + e.version(), repo);
  }

  // A provides entry the index got wrong serves nothing; the index itself was verified.
  private static Optional<String> bare(String atom) {
    try {
      return Optional.of(Dependency.parse(atom).name());
    } catch (PkgbuildException e) {
      return Optional.empty();
    }
  }
}
