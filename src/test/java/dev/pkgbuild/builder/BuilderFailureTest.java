package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed builds: a clear message, the workspace kept, the repository untouched. */
class BuilderFailureTest {
  static Path recipe(Path dir, String name, String version, String runs) throws Exception {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, "package:\n  name: " + name + "\n  version: " + version + "\n  epoch: 0\n"
        + "  description: test\n  copyright:\n    - license: MIT\n"
        + "pipeline:\n  - name: the step\n    runs: |\n"
        + runs.lines().map(l -> "      " + l + "\n").reduce("", String::concat));
    return f;
  }

  @Test
  void build_failingStep_namesPackageStepAndExitCodeAndLeavesRepoAsItWas(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "auto");
    t.build(recipe(tmp, "good", "1.0", "mkdir -p ${{targets.destdir}}/usr/share/good\necho hi > ${{targets.destdir}}/usr/share/good/x"), 0);
    byte[] indexBefore = Files.readAllBytes(t.out().resolve("x86_64/APKINDEX.tar.gz"));

    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> t.build(recipe(tmp, "bad", "1.0", "echo about to fail\nexit 3"), 0));
    assertEquals(ExitStatus.FAILED, e.status());
    assertTrue(e.getMessage().startsWith("bad: step 'the step' (") && e.getMessage().endsWith("failed with exit code 3"),
        e.getMessage());
    assertTrue(t.output().contains("about to fail"), "the last lines of the step are shown");
    assertTrue(t.output().contains("workspace kept at"), t.output());
    assertArrayEquals(indexBefore, Files.readAllBytes(t.out().resolve("x86_64/APKINDEX.tar.gz")));
    try (Stream<Path> s = Files.list(t.out().resolve("x86_64"))) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("bad")), "nothing of bad is published");
    }
  }

  @Test
  void build_success_removesItsWorkspace(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    TestBuilds t = new TestBuilds(tmp, "auto");
    t.build(recipe(tmp, "clean", "1.0", "true"), 0);
    try (Stream<Path> s = Files.list(tmp.resolve("tmp"))) {
      assertEquals(0, s.filter(Files::isDirectory).count(), "no workspace is left behind");
    }
  }

  @Test
  void build_unknownSigningKeyFile_failsBeforeAnyWork(@TempDir Path tmp) throws Exception {
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path r = recipe(tmp, "k", "1.0", "touch /home/build/ran");
    BuildRequest q = t.request(r, 0);
    BuildRequest withKey = new BuildRequest(q.recipe(), q.arch(), q.outDir(), tmp.resolve("nope.rsa"), q.keysDir(),
        null, q.pipelineDirs(), q.cacheDir(), q.envFiles(), null, q.runner(), q.tempRoot(), false, false, true, 0);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.builder().build(withKey));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertFalse(Files.exists(tmp.resolve("tmp")), "no workspace was made: " + e.getMessage());
  }
}
