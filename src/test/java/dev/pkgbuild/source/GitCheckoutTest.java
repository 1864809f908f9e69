package dev.pkgbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutTest {
  @TempDir Path tmp;
  Path upstream;
  RevCommit c1;
  RevCommit c2;
  RevCommit c3;
  RevCommit c4;
  RevCommit fix;
  Ref annotated;

  @BeforeEach
  void makeRepository() throws Exception {
    upstream = tmp.resolve("upstream");
    try (Git git = Git.init().setDirectory(upstream.toFile()).setInitialBranch("main").call()) {
      GitFixtures repo = new GitFixtures(git);
      c1 = repo.commit("one", "a.txt", "one\n");
      git.tag().setName("v1").setAnnotated(false).call();
      git.checkout().setCreateBranch(true).setName("fix").call();
      fix = repo.commit("add fix", "fix.txt", "fixed\n");
      git.checkout().setName("main").call();
      repo.exec("run.sh", "#!/bin/sh\necho hi\n");
      c2 = repo.commit("two", "a.txt", "two\n");
      annotated = git.tag().setName("v2").setAnnotated(true).setMessage("release 2").setTagger(repo.ident()).call();
      c3 = repo.commit("three", "a.txt", "three\n");
      c4 = repo.commit("four", "a.txt", "four\n");
    }
  }

  private GitRequest req(String tag, String branch, String expected, int depth, List<String> picks) {
    return new GitRequest(upstream.toString(), tag, branch, expected, depth, tmp.resolve("ws"), false, picks, 1_700_000_000L);
  }

  private PkgbuildException fails(GitRequest r) {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> GitCheckout.checkout(r));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e;
  }

  @Test
  void checkout_annotatedTagWithCommit_checksOutTaggedFiles() throws Exception {
    GitCheckout.Result r = GitCheckout.checkout(req("v2", null, c2.name(), 0, List.of()));
    assertEquals(c2.name(), r.commit());
    assertEquals(c2.name(), r.head());
    assertEquals("two\n", Files.readString(tmp.resolve("ws/a.txt")));
    assertTrue(Files.isExecutable(tmp.resolve("ws/run.sh")));
    assertTrue(Files.exists(tmp.resolve("ws/.git/shallow")), "tags clone at depth 1");
    try (var s = Files.list(tmp.resolve("ws"))) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".pkgbuild-git-")));
    }
  }

  @Test
  void checkout_annotatedTagObjectId_isAcceptedAsExpectedCommit() throws Exception {
    String tagObject = annotated.getObjectId().name();
    assertNotEquals(c2.name(), tagObject);
    assertEquals(c2.name(), GitCheckout.checkout(req("v2", null, tagObject, 0, List.of())).commit());
  }

  @Test
  void checkout_lightweightTag_checksOutItsCommit() throws Exception {
    assertEquals(c1.name(), GitCheckout.checkout(req("v1", null, null, 0, List.of())).commit());
    assertEquals("one\n", Files.readString(tmp.resolve("ws/a.txt")));
  }

  @Test
  void checkout_branchWithExpectedCommit_checksOutThatCommit() throws Exception {
    GitCheckout.Result r = GitCheckout.checkout(req(null, "main", c2.name(), 0, List.of()));
    assertEquals(c2.name(), r.commit());
    assertEquals("two\n", Files.readString(tmp.resolve("ws/a.txt")));
  }

  @Test
  void checkout_defaultBranch_checksOutTip() throws Exception {
    GitRequest r = new GitRequest("file://" + upstream, null, null, null, 0, tmp.resolve("ws"), false, List.of(), 0);
    assertEquals(c4.name(), GitCheckout.checkout(r).commit());
  }

  @Test
  void checkout_wrongExpectedCommit_failsNamingBoth() {
    PkgbuildException e = fails(req("v2", null, c1.name(), 0, List.of()));
    assertEquals("git-checkout of " + upstream + ": tag 'v2' is commit " + c2.name()
        + ", not the expected-commit " + c1.name(), e.getMessage());
    assertEquals(ExitStatus.BAD_INPUT, e.status());
  }

  @Test
  void checkout_expectedCommitOffBranch_fails() {
    PkgbuildException e = fails(req(null, "main", fix.name(), 0, List.of()));
    assertEquals("git-checkout of " + upstream + ": expected-commit " + fix.name()
        + " is not on branch 'main'", e.getMessage());
  }

  @Test
  void checkout_expectedCommitBeyondDepth_failsNamingDepth() {
    PkgbuildException e = fails(req(null, "main", c3.name(), 1, List.of()));
    assertTrue(e.getMessage().endsWith("is not on branch 'main' within depth 1"), e.getMessage());
  }

  @Test
  void checkout_depthMinusOne_clonesTheWholeHistory() throws Exception {
    // melange's depth -1 (Wolfi writes it): a tag clone that is not shallow.
    assertEquals(c2.name(), GitCheckout.checkout(req("v2", null, c2.name(), -1, List.of())).commit());
    assertTrue(Files.notExists(tmp.resolve("ws/.git/shallow")), "the whole history");
  }

  @Test
  void checkout_depthTwo_fetchesTwoCommits() throws Exception {
    assertEquals(c3.name(), GitCheckout.checkout(req(null, "main", c3.name(), 2, List.of())).commit());
  }

  @Test
  void checkout_missingTagOrBranch_failsWithOneLine() {
    assertEquals("git-checkout of " + upstream + ": tag 'v9' not found",
        fails(req("v9", null, null, 0, List.of())).getMessage());
    assertEquals("git-checkout of " + upstream + ": branch 'nope' not found",
        fails(req(null, "nope", null, 0, List.of())).getMessage());
  }

  @Test
  void checkout_unreachableRepository_failsAsEnvironment() {
    GitRequest r = new GitRequest(tmp.resolve("missing").toString(), "v1", null, null, 0, tmp.resolve("ws"),
        false, List.of(), 0);
    PkgbuildException e = fails(r);
    assertEquals(ExitStatus.ENVIRONMENT, e.status());
    assertTrue(e.getMessage().startsWith("git-checkout: cannot clone " + tmp.resolve("missing")), e.getMessage());
  }

  @Test
  void checkout_badInputs_areRefusedBeforeCloning() {
    assertTrue(fails(req("v1", "main", null, 0, List.of())).getMessage().endsWith("set tag or branch, not both"));
    assertTrue(fails(req("v1", null, "abc", 0, List.of())).getMessage().contains("full 40-digit"));
    assertTrue(fails(req("v1", null, null, 0, List.of("nonsense"))).getMessage().contains("bad cherry-pick line"));
  }

  @Test
  void checkout_cherryPickFromOtherBranch_isAppliedReproducibly() throws Exception {
    List<String> picks = List.of("# backports\nfix/" + fix.name() + ": add the fix\n");
    GitCheckout.Result first = GitCheckout.checkout(req("v2", null, c2.name(), 0, picks));
    assertEquals("fixed\n", Files.readString(tmp.resolve("ws/fix.txt")));
    assertEquals("two\n", Files.readString(tmp.resolve("ws/a.txt")));
    assertEquals(c2.name(), first.commit());
    assertNotEquals(first.commit(), first.head());
    GitRequest again = new GitRequest(upstream.toString(), "v2", null, c2.name(), 0, tmp.resolve("ws2"), false,
        picks, 1_700_000_000L);
    assertEquals(first.head(), GitCheckout.checkout(again).head());
    try (Git git = Git.open(tmp.resolve("ws").toFile())) {
      RevCommit head = git.log().setMaxCount(1).call().iterator().next();
      assertEquals(1_700_000_000L, head.getCommitterIdent().getWhenAsInstant().getEpochSecond());
      assertEquals(fix.getAuthorIdent(), head.getAuthorIdent());
    }
  }

  @Test
  void checkout_intoNonEmptyDestination_keepsOtherFiles() throws Exception {
    Files.createDirectories(tmp.resolve("ws"));
    Files.writeString(tmp.resolve("ws/local.patch"), "patch");
    Files.writeString(tmp.resolve("ws/a.txt"), "stale");
    GitCheckout.checkout(req("v1", null, null, 0, List.of()));
    assertEquals("patch", Files.readString(tmp.resolve("ws/local.patch")));
    assertEquals("one\n", Files.readString(tmp.resolve("ws/a.txt")));
  }
}
