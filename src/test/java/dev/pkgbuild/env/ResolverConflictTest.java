package dev.pkgbuild.env;

import static dev.pkgbuild.env.Indexes.installed;
import static dev.pkgbuild.env.Indexes.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import org.junit.jupiter.api.Test;

/** Conflicts, names two packages give, backtracking, and the one-line errors of an unsatisfiable world. */
class ResolverConflictTest {

  static String failure(String world, RepositoryIndex... repos) {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> Indexes.resolve(world, repos));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    return e.getMessage();
  }

  @Test
  void resolve_missingSoname_namesItAndWhoNeedsIt() {
    RepositoryIndex r = repo("ms", "curl 8.9.1-r0;D:so:libssl.so.3");
    assertEquals("nothing provides so:libssl.so.3 (needed by curl-8.9.1-r0)", failure("curl", r));
  }

  @Test
  void resolve_missingWorldName_neededByWorld() {
    assertEquals("nothing provides nope (needed by world)", failure("nope", repo("e", "x 1")));
  }

  @Test
  void resolve_worldConflict_blocksDependency() {
    RepositoryIndex r = repo("cf2", "foo 1", "bar 1;D:foo");
    assertEquals("world requires !foo but bar-1 depends on foo", failure("!foo bar", r));
  }

  @Test
  void resolve_worldConflict_takesTheOtherProvider() throws PkgbuildException {
    RepositoryIndex r = repo("cf", "foo 2;p:so:x=2", "baz 1;p:so:x=1", "bar 1;D:so:x");
    assertEquals("baz-1, bar-1", installed("!foo bar", r));
    assertEquals("foo-2, bar-1", installed("bar", r));
  }

  @Test
  void resolve_versionedConflict_onlyForbidsItsRange() throws PkgbuildException {
    RepositoryIndex r = repo("cv", "foo 1", "foo 2", "bar 1;D:foo !foo>=2");
    assertEquals("foo-1, bar-1", installed("bar", r));
  }

  @Test
  void resolve_packageConflict_withChosenPackage_fails() {
    RepositoryIndex r = repo("pc", "foo 1", "bar 1;D:!foo");
    assertEquals("bar-1 depends on !foo but world requires foo", failure("foo bar", r));
  }

  @Test
  void resolve_twoVersionedProvidersOfOneName_cannotCoexist() {
    RepositoryIndex r = repo("tv", "a 1;p:so:x=1", "b 1;p:so:x=1");
    assertEquals("conflict: a-1 and b-1 both provide so:x", failure("a b", r));
  }

  @Test
  void resolve_versionedProvideOfAWorldName_standsInForThePackage() throws PkgbuildException {
    RepositoryIndex r = repo("own", "foo 1", "fake 1;p:foo=1");
    assertEquals("fake-1", installed("foo fake", r));
    assertEquals("foo-1", installed("foo", r));
  }

  @Test
  void resolve_providerOfAChosenName_backtracksToTheProvider() throws PkgbuildException {
    RepositoryIndex r = repo("own2", "foo 1", "fake 1;p:foo=1", "a 1;D:foo=1", "b 1;D:fake");
    assertEquals("fake-1, a-1, b-1", installed("a b", r));
  }

  @Test
  void resolve_conflictWithLaterRequirement_namesBoth() {
    RepositoryIndex r = repo("own3", "foo 1", "fake 1;p:foo=1", "a 1;D:foo=1 !fake", "b 1;D:fake");
    assertEquals("a-1 depends on !fake but b-1 depends on fake", failure("a b", r));
  }

  @Test
  void resolve_laterTighterConstraint_backtracksToLowerVersion() throws PkgbuildException {
    RepositoryIndex r = repo("bt", "a 1;D:c", "b 1;D:c<2", "c 1", "c 2");
    assertEquals("c-1, a-1, b-1", installed("a b", r));
  }

  @Test
  void resolve_incompatibleVersions_namesBothRequirers() {
    RepositoryIndex r = repo("iv", "c 1", "c 2", "a 1;D:c>=2", "b 1;D:c<2");
    assertEquals("a-1 depends on c>=2 but b-1 depends on c<2", failure("a b", r));
  }

  @Test
  void resolve_badAtomInIndex_namesRepositoryAndPackage() {
    RepositoryIndex r = repo("bad", "a 1;D:c>=1.0_bad");
    assertEquals("bad: a-1: invalid dependency 'c>=1.0_bad': invalid version '1.0_bad': unknown suffix '_bad'"
        + " (use alpha, beta, pre, rc, cvs, svn, git, hg or p)", failure("a", r));
  }

  @Test
  void resolve_laterConflict_jumpsBackToTheOtherProvider() throws PkgbuildException {
    RepositoryIndex r = repo("bj", "l1 1;p:so:l=2", "l2 1;p:so:l=1", "x 1;D:so:l", "y 1;D:!l1");
    assertEquals("l2-1, x-1, y-1", installed("x y", r));
  }

  @Test
  void resolve_deepUpperBound_choosesTheOlderVersionOnce() throws PkgbuildException {
    RepositoryIndex r = repo("bj2", "c 1", "c 2", "top 1;D:mid c", "mid 1;D:low", "mid 2;D:low", "low 1;D:c<2");
    assertEquals("c-1, low-1, mid-2, top-1", installed("top", r));
  }
}
