package dev.pkgbuild.env;

import static dev.pkgbuild.env.Indexes.installed;
import static dev.pkgbuild.env.Indexes.repo;
import static dev.pkgbuild.env.Indexes.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Install order and install_if placement, against results checked with apk-tools 2.14.10. */
class ResolverOrderTest {

  @Test
  void resolve_worldByName_dependenciesDepthFirstBeforeEachPackage() throws PkgbuildException {
    RepositoryIndex r = repo("r", "aaa 1;D:zed", "app 1;D:libx liby", "libx 1;D:libz", "liby 1;D:libz", "libz 1",
        "zed 1");
    assertEquals("zed-1, aaa-1, libz-1, libx-1, liby-1, app-1", installed("zed app aaa", r));
  }

  @Test
  void resolve_installIf_placedRightAfterItsLastTrigger() throws PkgbuildException {
    RepositoryIndex r = repo("r", "lib 1", "app 1;D:lib", "foo 1", "appiif1 1;i:app foo");
    assertEquals("lib-1, app-1, foo-1, appiif1-1", installed("foo app", r));
  }

  @Test
  void resolve_installIf_versionedTriggerMustMatch_conflictTriggerNeverDoes() throws PkgbuildException {
    RepositoryIndex r = repo("if5", "app 1", "foo 1", "app-x 1;i:app foo>=2", "app-y 1;i:app foo<2",
        "app-z 1;i:app !foo");
    assertEquals("app-1, foo-1, app-y-1", installed("app foo", r));
    assertEquals("app-1", installed("app", r));
    assertEquals("app-1", installed("app !foo", r));
  }

  @Test
  void resolve_installIf_missingDependencyOfTriggeredPackage_fails() {
    RepositoryIndex r = repo("if3", "app 1", "app-doc 1;i:app;D:missing");
    assertEquals("nothing provides missing (needed by app-doc-1)", ResolverConflictTest.failure("app", r));
  }

  @Test
  void resolve_installIf_takenOnlyFromUntaggedRepositories() throws PkgbuildException {
    RepositoryIndex main = repo("if4", "app 1", "app-t 1;i:app");
    RepositoryIndex t = tagged("t", "if4t", "app-t 2;i:app");
    assertEquals("app-1, app-t-1", installed("app", main, t));
  }

  @Test
  void resolve_sameInputs_sameSetAndOrder() throws PkgbuildException {
    RepositoryIndex a = repo("a", "x 1;D:so:y cmd:z", "y 1;p:so:y=1", "y 2;p:so:y=2", "z 1;p:cmd:z=1;k:3",
        "zz 1;p:cmd:z=1;k:3", "w 1;i:x");
    RepositoryIndex b = repo("b", "y 2;p:so:y=2", "x 1;D:so:y cmd:z !zz");
    String first = installed("x w", a, b);
    for (int i = 0; i < 5; i++) {
      assertEquals(first, installed("w x", a, b));
    }
    assertEquals("w-1, y-2, z-1, x-1", first);
    assertEquals("y-2, z-1, x-1, w-1", installed("x", a, b));
    assertEquals("y-2, z-1, x-1, w-1", installed("x", b, a));
  }

  @Test
  void transactionLines_printLikeApk() throws PkgbuildException {
    RepositoryIndex main = repo("m", "bar 1.0-r0");
    RepositoryIndex edge = tagged("edge", "e", "foo 2.0-r0;D:bar");
    assertEquals(List.of("(1/2) Installing bar (1.0-r0)", "(2/2) Installing foo@edge (2.0-r0)",
        "OK: 0 MiB in 2 packages"), Indexes.resolve("foo@edge", main, edge).transactionLines());
  }

  @Test
  void transactionLines_sumInstalledSizesInWholeMib() {
    IndexEntry big = Indexes.pkg("r", "big 1");
    IndexEntry sized = new IndexEntry(big.checksum(), "big", "1", "x86_64", 1, 3 * 1024 * 1024 - 1, "", "", "",
        null, null, null, null, null, List.of(), List.of(), List.of(), List.of());
    Resolution r = new Resolution(List.of(new ResolvedPackage(sized, RepositoryIndex.untagged("r", List.of(sized)))));
    assertEquals("OK: 2 MiB in 1 packages", r.transactionLines().get(1));
  }
}
