package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every package of the repositories for one architecture, reachable by each name it gives.
 * Providers of a name are listed in repository order, then index order, so that every scan over
 * them, and so the resolution, is deterministic.
 */
final class Universe {
  /** A candidate seen through one of its names, at the version it gives that name (null: virtual). */
  record Provider(Candidate candidate, String version) {}

  private final List<RepositoryIndex> repositories;
  private final Map<String, List<Provider>> byName = new HashMap<>();
  private final TreeSet<String> installIfNames = new TreeSet<>();

  private Universe(List<RepositoryIndex> repositories) {
    this.repositories = List.copyOf(repositories);
  }

  /** Reads the repositories' entries of {@code arch} (and {@code noarch}). @throws PkgbuildException on a malformed atom */
  static Universe of(List<RepositoryIndex> repositories, String arch) throws PkgbuildException {
    Universe u = new Universe(repositories);
    Map<String, List<Integer>> reposByKey = new LinkedHashMap<>();
    Map<String, IndexEntry> entryByKey = new HashMap<>();
    Map<String, RepositoryIndex> firstRepo = new HashMap<>();
    for (int r = 0; r < repositories.size(); r++) {
      RepositoryIndex repo = repositories.get(r);
      for (IndexEntry e : repo.entries()) {
        if (e.arch() != null && !e.arch().equals(arch) && !e.arch().equals("noarch")) {
          continue;
        }
        // the same build (same C:) in two repositories is one package, as in apk
        String key = e.checksum() != null ? e.checksum() : r + "/" + e.name() + "-" + e.version();
        reposByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        entryByKey.putIfAbsent(key, e);
        firstRepo.putIfAbsent(key, repo);
      }
    }
    for (Map.Entry<String, List<Integer>> k : reposByKey.entrySet()) {
      u.add(candidate(entryByKey.get(k.getKey()), k.getValue(), repositories, firstRepo.get(k.getKey())));
    }
    return u;
  }

  private static Candidate candidate(IndexEntry e, List<Integer> repos, List<RepositoryIndex> all, RepositoryIndex first)
      throws PkgbuildException {
    String where = first.location() + ": " + e.name() + "-" + e.version() + ": ";
    List<Candidate.Provide> provides = new ArrayList<>();
    provides.add(new Candidate.Provide(e.name(), e.version()));
    for (String text : e.provides()) {
      Dependency d = parse(where, text);
      if (d.conflict() || (d.op() != null && !d.op().equals("="))) {
        throw PkgbuildException.badInput(where + "provides '" + text + "' is neither 'name' nor 'name=version'");
      }
      provides.add(new Candidate.Provide(d.name(), d.version()));
    }
    boolean untagged = repos.stream().anyMatch(r -> all.get(r).tag() == null);
    return new Candidate(e, repos, untagged, parseAll(where, e.depends()), provides, parseAll(where, e.installIf()));
  }

  private static List<Dependency> parseAll(String where, List<String> atoms) throws PkgbuildException {
    List<Dependency> out = new ArrayList<>(atoms.size());
    for (String a : atoms) {
      out.add(parse(where, a));
    }
    return out;
  }

  private static Dependency parse(String where, String atom) throws PkgbuildException {
    try {
      return Dependency.parse(atom);
    } catch (PkgbuildException e) {
      throw PkgbuildException.badInput(where + e.getMessage(), e);
    }
  }

  private void add(Candidate c) {
    for (Candidate.Provide p : c.provides()) {
      byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(new Provider(c, p.version()));
    }
    if (!c.installIf().isEmpty()) {
      installIfNames.add(c.name());
    }
  }

  List<Provider> providers(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** Names of packages that carry {@code i:}, sorted. */
  Iterable<String> installIfNames() {
    return installIfNames;
  }

  RepositoryIndex repository(int index) {
    return repositories.get(index);
  }
}
