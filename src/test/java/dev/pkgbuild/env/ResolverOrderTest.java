package dev.pkgbuild.env;

import static dev.pkgbuild.env.Indexes.installed;
import static dev.pkgbuild.env.Indexes.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.diag.PkgbuildException;
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
}
