package dev.pkgbuild.env;

import static dev.pkgbuild.env.Indexes.checksum;
import static dev.pkgbuild.env.Indexes.installed;
import static dev.pkgbuild.env.Indexes.repo;
import static dev.pkgbuild.env.Indexes.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which candidate the resolver takes: operators, versions, repository order, provides,
 * provider_priority and tags. Every expected result was produced by apk-tools 2.14.10
 * ({@code apk add --simulate}) on the same index.
 */
class ResolverChoiceTest {
  private static final RepositoryIndex LIBFOO = repo("ops", "libfoo 2.1-r3", "libfoo 2.2-r0", "libfoo 3.0-r0");

  @ParameterizedTest
  @CsvSource({"libfoo, 3.0-r0", "libfoo~2, 2.2-r0", "libfoo~2.1, 2.1-r3", "libfoo=~2.1, 2.1-r3",
      "libfoo>~2.1, 3.0-r0", "libfoo<~2.2, 2.2-r0", "libfoo<3, 2.2-r0", "libfoo<=2.2-r0, 2.2-r0",
      "libfoo>2.1-r3, 3.0-r0", "libfoo>=2.2, 3.0-r0", "libfoo=2.1-r3, 2.1-r3", "libfoo<2.2, 2.1-r3"})
  void resolve_operator_takesHighestVersionInRange(String atom, String version) throws PkgbuildException {
    assertEquals("libfoo-" + version, installed(atom, LIBFOO));
  }

  @Test
  void resolve_exactVersionWithoutRevision_matchesNothing() {
    assertEquals("nothing provides libfoo=2.1 (needed by world)", ResolverConflictTest.failure("libfoo=2.1", LIBFOO));
  }

  @Test
  void resolve_identityPin_takesThatBuildOverTheFirstRepository() throws PkgbuildException {
    RepositoryIndex first = repo("id1", "same 1.0-r0;D:foo", "foo 1");
    RepositoryIndex second = repo("id2", "same 1.0-r0");
    assertEquals("same-1.0-r0", installed("same><" + checksum("id2", "same", "1.0-r0"), first, second));
    assertEquals("foo-1, same-1.0-r0", installed("same", first, second));
  }

  @Test
  void resolve_higherVersion_winsOverRepositoryOrder() throws PkgbuildException {
    RepositoryIndex a = repo("a", "foo 1.0", "same 1.0-r0;D:foo");
    RepositoryIndex b = repo("b", "foo 2.0", "same 1.0-r0");
    assertEquals("foo-2.0, same-1.0-r0", installed("same", a, b));
    assertEquals("same-1.0-r0", installed("same", b, a));
    assertEquals("foo-2.0", installed("foo", a, b));
    assertEquals("foo-2.0", installed("foo", b, a));
  }

  @Test
  void resolve_provider_highestProvidedVersionBeatsPackageVersion() throws PkgbuildException {
    RepositoryIndex r = repo("vp", "verp-a 9;p:cmd:tool=2.0", "verp-b 1;p:cmd:tool=3.0");
    assertEquals("verp-b-1", installed("cmd:tool", r));
  }

  @Test
  void resolve_equalProvidedVersions_higherProviderPriorityWins() throws PkgbuildException {
    RepositoryIndex r = repo("pv", "x 1;p:so:y=1;k:1", "z 1;p:so:y=1;k:5");
    assertEquals("z-1", installed("so:y", r));
  }

  @Test
  void resolve_higherProvidedVersion_beatsHigherPriority() throws PkgbuildException {
    RepositoryIndex r = repo("pr", "a 1;p:so:z=2;k:1", "b 1;p:so:z=1;k:100");
    assertEquals("a-1", installed("so:z", r));
  }

  @Test
  void resolve_equalProviders_firstRepositoryWins() throws PkgbuildException {
    RepositoryIndex two = repo("pr2", "a 1;p:so:z=1", "b 1;p:so:z=1");
    RepositoryIndex one = repo("pr3", "c 1;p:so:z=1");
    assertEquals("a-1", installed("so:z", two, one));
    assertEquals("c-1", installed("so:z", one, two));
  }

  @Test
  void resolve_virtualWithPriority_takesHighestPriority() throws PkgbuildException {
    RepositoryIndex r = repo("vk", "vprov-a 1;p:virt;k:10", "vprov-b 1;p:virt;k:20");
    assertEquals("vprov-b-1", installed("virt", r));
  }

  @Test
  void resolve_virtualWithoutPriority_asksForAProvider() {
    RepositoryIndex r = repo("vv", "vprov-a 1;p:virt", "vprov-b 1;p:virt");
    assertEquals("virt (needed by world) is a virtual name: select one of its providers explicitly: vprov-a, vprov-b",
        ResolverConflictTest.failure("virt", r));
  }

  @Test
  void resolve_virtualWithoutPriority_satisfiedByARequiredProvider() throws PkgbuildException {
    RepositoryIndex r = repo("vv", "vprov-a 1;p:virt", "vprov-b 1;p:virt");
    assertEquals("vprov-b-1", installed("virt vprov-b", r));
  }

  @Test
  void resolve_unversionedProvide_doesNotMeetVersionedAtom() {
    RepositoryIndex r = repo("vk", "vprov-a 1;p:virt;k:10");
    assertEquals("nothing provides virt=1 (needed by world)", ResolverConflictTest.failure("virt=1", r));
  }

  @Test
  void resolve_unversionedProvides_coexist() throws PkgbuildException {
    RepositoryIndex r = repo("vv", "vprov-a 1;p:virt", "vprov-b 1;p:virt", "user 1;D:virt");
    // apk places vprov-b first: it links the name to the provider its own queue selected first
    // (docs/environments.md, differences); the set is the same
    assertEquals(List.of("user-1", "vprov-a-1", "vprov-b-1"),
        Arrays.stream(installed("vprov-a vprov-b user", r).split(", ")).sorted().toList());
  }

  @Test
  void resolve_sonameCmdPc_areProvidedNames() throws PkgbuildException {
    RepositoryIndex r = repo("n", "libz 1.3-r0;p:so:libz.so.1=1.3 pc:zlib=1.3", "tool 2-r0;p:cmd:tool=2-r0",
        "app 1-r0;D:so:libz.so.1 cmd:tool pc:zlib>=1.2");
    assertEquals("libz-1.3-r0, tool-2-r0, app-1-r0", installed("app", r));
  }

  @Test
  void resolve_taggedRepository_notUsedUntilAskedFor() throws PkgbuildException {
    RepositoryIndex main = repo("tg", "a 2", "b 1");
    RepositoryIndex testing = tagged("testing", "tt", "a 3", "b 2", "c 1;D:a>=3 b");
    assertEquals("a-2", installed("a", main, testing));
    assertEquals("a@testing-3", installed("a@testing", main, testing));
  }

  @Test
  void resolve_tagPassesToDependencies_butUntaggedStaysPreferred() throws PkgbuildException {
    RepositoryIndex main = repo("tg", "a 2", "b 1");
    RepositoryIndex testing = tagged("testing", "tt", "a 3", "b 2", "c 1;D:a>=3 b");
    assertEquals("a@testing-3, b-1, c@testing-1", installed("c@testing", main, testing));
  }

  @Test
  void resolve_worldTag_preferredOverHigherUntaggedVersion() throws PkgbuildException {
    RepositoryIndex main = repo("u5", "foo 5");
    RepositoryIndex edge = tagged("edge", "e2", "foo 2");
    assertEquals("foo@edge-2", installed("foo@edge", main, edge));
  }

  @Test
  void resolve_onlyInTaggedRepository_saysWhichTagToAskFor() throws PkgbuildException {
    RepositoryIndex main = repo("t0", "base 1");
    RepositoryIndex edge = tagged("edge", "t1", "edgy 3");
    assertEquals("edgy (needed by world) is only in repository @edge (edgy-3): ask for edgy@edge",
        ResolverConflictTest.failure("edgy", main, edge));
    assertEquals("edgy@edge-3", installed("edgy@edge>=1", main, edge));
  }

  @Test
  void resolve_otherArchitecture_ignoredNoarchTaken() throws PkgbuildException {
    RepositoryIndex r = repo("na", "n 1;A:noarch", "o 1;A:aarch64", "o 0.5");
    assertEquals("n-1, o-0.5", installed("n o", r));
  }
}
