package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.RecordingSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of steps and failed builds: a clear message, the workspace kept, the repository untouched. */
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
    TestBuilds t = TestBuilds.with(tmp, RecordingSandbox.onHost());
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
  void build_failingStep_runsNoLaterStepOrSubpackageAndKeepsTheWorkspace(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.exiting(5, "make: *** [all] Error 5");
    TestBuilds t = TestBuilds.with(tmp, fake);
    Path r = recipe(tmp, "multi", "1.0", "echo one");
    Files.writeString(r, Files.readString(r) + "  - name: second\n    runs: echo two\n"
        + "subpackages:\n  - name: multi-dev\n    pipeline:\n      - runs: echo three\n");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.build(r, 0));
    assertTrue(e.getMessage().startsWith("multi: step 'the step' (") && e.getMessage().endsWith("failed with exit code 5"),
        e.getMessage());
    assertEquals(1, fake.execs().size(), "nothing runs after the failed step");
    assertTrue(fake.execs().get(0).script().contains("echo one"));
    assertTrue(t.output().contains("make: *** [all] Error 5"), "the step's last lines are shown: " + t.output());
    Path ws = fake.execs().get(0).workspace();
    assertTrue(Files.isDirectory(ws.resolve("melange-out/multi-dev")), "the failed build's workspace is kept");
    assertFalse(Files.exists(t.out().resolve("x86_64/APKINDEX.tar.gz")), "no index is written");
  }

  @Test
  void build_steps_runInOrderWithTheWorkspaceAtHomeBuildAndTheBuildEnvironment(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.exiting(0);
    TestBuilds t = TestBuilds.with(tmp, fake);
    Path r = recipe(tmp, "order", "1.0", "echo one");
    Files.writeString(r, Files.readString(r)
        + "  - name: second\n    working-directory: sub\n    runs: echo two\n"
        + "subpackages:\n  - name: order-dev\n    pipeline:\n      - runs: echo three\n");
    t.build(r, 1700000000L);
    List<RecordingSandbox.Exec> steps = fake.execs();
    assertEquals(3, steps.size());
    assertEquals(List.of("echo one", "echo two", "echo three"),
        steps.stream().map(s -> s.script().lines().filter(l -> l.startsWith("echo ")).findFirst().orElse("")).toList());
    assertEquals(List.of("/home/build", "/home/build/sub", "/home/build"),
        steps.stream().map(RecordingSandbox.Exec::workdir).toList());
    for (RecordingSandbox.Exec s : steps) {
      assertEquals(List.of("/bin/sh", "-c"), s.argv().subList(0, 2));
      assertEquals("/home/build", s.mounts().get(s.workspace()));
      assertEquals("1700000000", s.env().get("SOURCE_DATE_EPOCH"));
      assertEquals("/home/build", s.env().get("HOME"));
    }
    assertEquals(1, steps.stream().map(RecordingSandbox.Exec::workspace).distinct().count(), "one workspace");
    assertTrue(Files.isRegularFile(t.out().resolve("x86_64/order-dev-1.0-r0.apk")), "both packages are published");
  }

  @Test
  void build_success_removesItsWorkspace(@TempDir Path tmp) throws Exception {
    TestBuilds t = TestBuilds.with(tmp, RecordingSandbox.onHost());
    t.build(recipe(tmp, "clean", "1.0", "true"), 0);
    try (Stream<Path> s = Files.list(tmp.resolve("tmp"))) {
      assertEquals(0, s.filter(Files::isDirectory).count(), "no workspace is left behind");
    }
  }

  @Test
  void build_unknownSigningKeyFile_failsBeforeAnyWork(@TempDir Path tmp) throws Exception {
    RecordingSandbox fake = RecordingSandbox.onHost();
    TestBuilds t = TestBuilds.with(tmp, fake);
    Path r = recipe(tmp, "k", "1.0", "touch /home/build/ran");
    BuildRequest q = t.request(r, 0);
    BuildRequest withKey = new BuildRequest(q.recipe(), q.arch(), q.outDir(), tmp.resolve("nope.rsa"), q.keysDir(),
        null, q.pipelineDirs(), q.cacheDir(), q.envFiles(), null, q.runner(), q.tempRoot(), false, false, true, 0);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.builder().build(withKey));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertFalse(Files.exists(tmp.resolve("tmp")), "no workspace was made: " + e.getMessage());
    assertEquals(List.of(), fake.execs(), "no step ran");
  }
}
