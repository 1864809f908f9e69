package dev.pkgbuild.sandbox;

import static dev.pkgbuild.sandbox.SandboxFixture.sandbox;
import static dev.pkgbuild.sandbox.SandboxFixture.sh;
import static dev.pkgbuild.sandbox.SandboxFixture.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a build can do in the sandbox, with both runners. */
class SandboxRunTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_workspaceFile_readableAndWritableAtHomeBuild(String runner) throws Exception {
    Path ws = workspace(tmp);
    Files.writeString(ws.resolve("in.txt"), "from the host\n");
    var run = sh(sandbox(runner), ws, "pwd; cat /home/build/in.txt; echo from the build > /home/build/out.txt");
    assertEquals(0, run.result().exitCode(), run.text());
    assertEquals(List.of("/home/build", "from the host"), run.lines());
    assertEquals("from the build\n", Files.readString(ws.resolve("out.txt")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_hostWritesBetweenRuns_areWritableInsideOnceAnnounced(String runner) throws Exception {
    Sandbox sandbox = sandbox(runner);
    Path ws = workspace(tmp);
    assertEquals(0, sh(sandbox, ws, "echo a > first").result().exitCode());
    Files.createDirectories(ws.resolve("fetched"));
    Files.writeString(ws.resolve("fetched/src.c"), "int x;\n");
    sandbox.hostWrote(ws);
    var run = sh(sandbox, ws, "echo b >> fetched/src.c && touch fetched/new && echo c >> first");
    assertEquals(0, run.result().exitCode(), run.text());
    assertEquals("int x;\nb\n", Files.readString(ws.resolve("fetched/src.c")));
    if (HostIdentity.current().dropsRoot()) {
      // Unannounced host files keep their owner: a run does not walk the tree again.
      Path late = Files.writeString(ws.resolve("late"), "x");
      assertEquals(0, sh(sandbox, ws, "true").result().exitCode());
      assertEquals(0, Files.getAttribute(late, "unix:uid"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_asRoot_handsOverLinksThemselvesNeverTheirTargets(String runner) throws Exception {
    Sandbox sandbox = sandbox(runner);
    dev.pkgbuild.testing.Requires.that(HostIdentity.current().dropsRoot(),
        "only a build started by root hands its files to the sandbox uid (CI runs as root)");
    Path ws = workspace(tmp);
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "host file\n");
    Files.createSymbolicLink(ws.resolve("link"), outside);
    Files.writeString(ws.resolve("src.c"), "int x;\n");
    assertEquals(0, sh(sandbox, ws, "true").result().exitCode());
    var noFollow = java.nio.file.LinkOption.NOFOLLOW_LINKS;
    assertEquals(HostIdentity.SANDBOX_UID, Files.getAttribute(ws.resolve("link"), "unix:uid", noFollow));
    assertEquals(HostIdentity.SANDBOX_UID, Files.getAttribute(ws.resolve("src.c"), "unix:gid", noFollow));
    assertEquals(0, Files.getAttribute(outside, "unix:uid"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_hostHasAMountUnderTmp_runStillStarts(String runner) throws Exception {
    Sandbox sandbox = sandbox(runner);
    dev.pkgbuild.testing.Requires.that(HostIdentity.current().euid() == 0, "mounting on the host needs root (CI runs as root)");
    Path ws = workspace(tmp);
    Path mnt = Files.createDirectories(tmp.resolve("host-mount"));
    // another build's chroot, say: the unshare runner covers /tmp and must leave it alone
    assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "pkgbuild-test", mnt.toString()).start().waitFor());
    try {
      var run = sh(sandbox, ws, "echo started");
      assertEquals(List.of("started"), run.lines(), run.text());
    } finally {
      new ProcessBuilder("umount", mnt.toString()).start().waitFor();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_failingCommand_reportsExitCodeAndLast40Lines(String runner) throws Exception {
    var run = sh(sandbox(runner), workspace(tmp), "i=1; while [ $i -le 50 ]; do echo line$i; i=$((i+1)); done; echo oops >&2; exit 7");
    assertEquals(7, run.result().exitCode());
    assertFalse(run.result().ok());
    assertEquals(51, run.lines().size());
    assertEquals(40, run.result().tail().size());
    assertEquals("line12", run.result().tail().get(0));
    assertEquals("oops", run.result().tail().get(39));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_timeout_killsTheWholeTreeWith124(String runner) throws Exception {
    Sandbox sandbox = sandbox(runner);
    String marker = "417." + runner.length() + "41";
    var req = new ExecRequest(workspace(tmp), List.of("/bin/sh", "-c", "sleep " + marker + " & sleep " + marker),
        SandboxFixture.ENV, null, Duration.ofMillis(1500), null, false);
    ExecResult r = sandbox.run(req);
    assertTrue(r.timedOut());
    assertEquals(124, r.exitCode());
    assertTrue(r.elapsed().compareTo(Duration.ofSeconds(20)) < 0, r.elapsed().toString());
    Thread.sleep(200);
    assertEquals(List.of(), HostProcesses.matching("sleep\0" + marker));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_insideSandbox_uidAndGidAreZero(String runner) throws Exception {
    var run = sh(sandbox(runner), workspace(tmp), "id -u; id -g; touch /home/build/f; stat -c %u:%g /home/build/f");
    assertEquals(List.of("0", "0", "0:0"), run.lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_environment_isExactlyTheGivenOnePlusPwd(String runner) throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "SOURCE_DATE_EPOCH", "0", "WITH_SPACE", "a b=c");
    var req = new ExecRequest(workspace(tmp), List.of("/usr/bin/env"), env, null, Duration.ofSeconds(60), lines::add, false);
    assertEquals(0, sandbox(runner).run(req).exitCode());
    assertEquals(List.of("PATH=/usr/bin:/bin", "PWD=/home/build", "SOURCE_DATE_EPOCH=0", "WITH_SPACE=a b=c"),
        lines.stream().sorted().toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_workdir_isHonoured(String runner) throws Exception {
    Path ws = workspace(tmp);
    Files.createDirectories(ws.resolve("src/sub"));
    List<String> lines = new ArrayList<>();
    var req = new ExecRequest(ws, List.of("/bin/pwd"), SandboxFixture.ENV, "/home/build/src/sub", null, lines::add, false);
    assertEquals(0, sandbox(runner).run(req).exitCode());
    assertEquals(List.of("/home/build/src/sub"), lines);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_toolchain_compilesAndLinks(String runner) throws Exception {
    dev.pkgbuild.testing.Requires.tool("cc");
    Path ws = workspace(tmp);
    Files.writeString(ws.resolve("hello.c"), "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n");
    var run = sh(sandbox(runner), ws, "cc -o hello hello.c && ./hello && ls -ld /tmp && touch /tmp/t");
    assertEquals(0, run.result().exitCode(), run.text());
    assertTrue(run.lines().contains("hi"), run.text());
  }


  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_interactive_inheritsTheTerminalAndReportsTheExitCode(String runner) throws Exception {
    var req = new ExecRequest(workspace(tmp), List.of("/bin/sh", "-c", "echo to-the-terminal; exit 3"),
        SandboxFixture.ENV, null, Duration.ofSeconds(60), line -> { throw new AssertionError(line); }, true);
    ExecResult r = sandbox(runner).run(req);
    assertEquals(3, r.exitCode());
    assertEquals(List.of(), r.tail());
  }
}
