package dev.pkgbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSubmoduleTest {
  @TempDir Path tmp;
  Path sup;

  @BeforeEach
  void makeRepositories() throws Exception {
    Path sub = tmp.resolve("sub");
    try (Git git = Git.init().setDirectory(sub.toFile()).setInitialBranch("main").call()) {
      new GitFixtures(git).commit("lib", "lib.c", "int lib;\n");
    }
    sup = tmp.resolve("super");
    try (Git git = Git.init().setDirectory(sup.toFile()).setInitialBranch("main").call()) {
      GitFixtures repo = new GitFixtures(git);
      repo.commit("top", "main.c", "int main;\n");
      git.submoduleAdd().setPath("vendor/sub").setURI(sub.toUri().toString()).call().close();
      repo.commit("add submodule", "README", "with sub\n");
      git.tag().setName("v1").setAnnotated(false).call();
    }
  }

  private GitRequest req(boolean recurse) {
    return new GitRequest(sup.toString(), "v1", null, null, 0, tmp.resolve("ws"), recurse, List.of(), 0);
  }

  @Test
  void checkout_recurseSubmodules_checksOutSubmoduleFiles() throws Exception {
    GitCheckout.checkout(req(true));
    assertEquals("int lib;\n", Files.readString(tmp.resolve("ws/vendor/sub/lib.c")));
    try (Git git = Git.open(tmp.resolve("ws/vendor/sub").toFile())) {
      assertTrue(git.getRepository().getDirectory().toPath().startsWith(tmp.resolve("ws")),
          "the submodule's git dir moved with the tree");
    }
  }

  @Test
  void checkout_withoutRecurse_leavesSubmoduleEmpty() throws Exception {
    GitCheckout.checkout(req(false));
    assertFalse(Files.exists(tmp.resolve("ws/vendor/sub/lib.c")));
    assertEquals("int main;\n", Files.readString(tmp.resolve("ws/main.c")));
  }

  @Test
  void checkUrl_remoteRepoWithLocalSubmodule_isRefused() throws Exception {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> Submodules.checkUrl("https://example.org/r.git", "sub", "/home/me/secret"));
    assertEquals("git-checkout of https://example.org/r.git: submodule 'sub' has the non-network url"
        + " '/home/me/secret', refused for a remote repository", e.getMessage());
    Submodules.checkUrl("https://example.org/r.git", "sub", "https://example.org/sub.git");
    Submodules.checkUrl("/srv/r", "sub", "/srv/sub");
  }

  @Test
  void checkout_unreachableHttpRepository_failsWithOneLine() {
    GitRequest r = new GitRequest("http://127.0.0.1:9/none.git", "v1", null, null, 0, tmp.resolve("ws"), true,
        List.of(), 0);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> GitCheckout.checkout(r));
    assertTrue(e.getMessage().startsWith("git-checkout: cannot clone http://127.0.0.1:9/none.git"), e.getMessage());
  }
}
