package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the packages of an environment the way apk-tools 2.14 does (docs/environments.md):
 * from repositories in order, for a world of atoms and one architecture, the set to install in
 * apk's install order, or one line saying which constraint cannot be met and who needs it.
 */
public final class Resolver {
  private static final int MAX_RETRIES = 3;

  private Resolver() {}

  /**
   * Resolves {@code world} against {@code repositories} for {@code arch}.
   *
   * @throws PkgbuildException when an index holds a malformed atom, or when nothing can meet the
   *     world: one line such as {@code nothing provides so:libssl.so.3 (needed by curl-8.9.1-r0)}
   */
  public static Resolution resolve(List<RepositoryIndex> repositories, List<Dependency> world, String arch)
      throws PkgbuildException {
    Universe universe = Universe.of(repositories, arch);
    List<Dependency> sorted = new ArrayList<>(world);
    sorted.sort(Comparator.comparing(Dependency::name));
    Lessons lessons = new Lessons();
    Search search = new Search(universe, lessons);
    String failure = search.run(sorted);
    if (failure != null) {
      throw PkgbuildException.badInput(failure);
    }
    // again without the lessons of packages that did not stay, while that still succeeds
    for (int round = 0; round < MAX_RETRIES; round++) {
      lessons = lessons.live(search.state());
      Search again = lessons == null ? null : new Search(universe, lessons);
      if (again == null || again.run(sorted) != null) {
        break;
      }
      search = again;
    }
    List<ResolvedPackage> out = new ArrayList<>();
    for (Candidate c : InstallOrder.of(search.state(), sorted)) {
      out.add(new ResolvedPackage(c.entry(), universe.repository(repositoryOf(c, search.state(), universe))));
    }
    return new Resolution(out);
  }

  /** The first untagged repository holding {@code c}, else the first whose tag its requirer allowed. */
  private static int repositoryOf(Candidate c, SolverState state, Universe universe) {
    Goal why = state.reason(c);
    for (int r : c.repos()) {
      if (universe.repository(r).tag() == null) {
        return r;
      }
    }
    for (int r : c.repos()) {
      if (why.allowedTags().contains(universe.repository(r).tag())) {
        return r;
      }
    }
    return c.firstRepo();
  }
}
