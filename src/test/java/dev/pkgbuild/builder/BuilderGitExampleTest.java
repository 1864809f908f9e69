package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.RecordingSandbox;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The greet example: git-checkout of a checked tag and commit, then a patch, offline. */
class BuilderGitExampleTest {
  @Test
  void build_greetExample_checksOutTagAppliesPatchAndBuilds(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    Requires.tool("gcc");
    Requires.tool("patch");
    BuildResult r = new TestBuilds(tmp, "auto").build(Path.of("recipes/greet.yaml"), 0);
    assertEquals("greet-0.3-r0.apk", r.packages().get(0).getFileName().toString());
    assertTrue(BuilderHelloTest.paths(r.packages().get(0)).contains("usr/bin/greet"));
    String log = Files.readString(r.log());
    assertTrue(log.contains("checked out 787669c265303a4b8177335e5131101df47cc3c9"), log);
    assertTrue(log.contains("greeting.patch"), "the patch step ran: " + log);
  }

  @Test
  void build_wrongExpectedCommit_failsBeforeAnySandboxStep(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.onHost();
    Path dir = Files.createDirectories(tmp.resolve("recipes"));
    Files.writeString(dir.resolve("greet.yaml"), Files.readString(Path.of("recipes/greet.yaml"))
        .replace("787669c265303a4b8177335e5131101df47cc3c9", "0000000000000000000000000000000000000000"));
    BuilderHelloTest.copyTree(Path.of("recipes/greet"), dir.resolve("greet"));
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> TestBuilds.with(tmp, fake).build(dir.resolve("greet.yaml"), 0));
    assertTrue(e.getMessage().contains("0000000000000000000000000000000000000000"), e.getMessage());
    assertEquals(List.of(), fake.execs(), "the checkout comes first: no later step ran");
  }

}
