package dev.pkgbuild.sandbox;

import static dev.pkgbuild.sandbox.SandboxFixture.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A command run with a package root as {@code /}, with both runners (both use the rooted launcher). */
class RootedSandboxTest {
  static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/build");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_hostFiles_areInvisible(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = prepared(sandbox, "ls", "cat");
    String project = Path.of("pom.xml").toAbsolutePath().toString();
    Files.writeString(tmp.resolve("host-secret"), "host\n");
    var run = sh(sandbox, root, "for f in /usr/bin/git /usr/bin/java /etc/debian_version /etc/shadow " + project
        + " " + tmp.resolve("host-secret") + "; do [ -e $f ] && echo seen $f; done; cat /etc/pkgbuild-root; ls /");
    assertEquals(0, run.result().exitCode(), run.text());
    assertEquals(List.of("the package root", "bin", "dev", "etc", "home", "lib", "lib64", "proc", "tmp", "usr"),
        run.lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_writesOutsideTheWorkspace_succeedAndVanish(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = prepared(sandbox, "cat", "touch", "mkdir", "rm");
    List<String> before = TestRoot.listing(root);
    var first = sh(sandbox, root, "mkdir /usr/lib && echo x > /usr/lib/x && echo y > /etc/y && echo z > /etc/pkgbuild-root"
        + " && rm /usr/bin/touch && mkdir /opt && cat /usr/lib/x /etc/y /etc/pkgbuild-root");
    assertEquals(List.of("x", "y", "z"), first.lines(), first.text());
    var second = sh(sandbox, root, "for f in /usr/lib/x /etc/y /opt; do [ -e $f ] && echo seen $f; done;"
        + " cat /etc/pkgbuild-root; touch /home/build/t && echo touch works");
    assertEquals(List.of("the package root", "touch works"), second.lines(), second.text());
    assertEquals(before, TestRoot.listing(root));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_workspace_isWritableAndSeenOnTheHost(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = prepared(sandbox, "cat", "mkdir");
    Path ws = workspace(tmp);
    Files.writeString(ws.resolve("in.txt"), "from the host\n");
    var run = sh(sandbox, ws, root, ENV, "pwd; cat in.txt; mkdir -p sub; echo from the build > sub/out.txt");
    assertEquals(List.of("/home/build", "from the host"), run.lines(), run.text());
    assertEquals("from the build\n", Files.readString(ws.resolve("sub/out.txt")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_mountTable_holdsOnlyTheSandboxsOwnMounts(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    var run = sh(sandbox, prepared(sandbox), "while read -r line; do echo \"$line\"; done < /proc/self/mountinfo");
    List<String> expected = new ArrayList<>(List.of("/ overlay", "/home/build", "/dev tmpfs"));
    for (String d : List.of("null", "zero", "full", "random", "urandom", "tty")) {
      if (Files.exists(Path.of("/dev", d))) {
        expected.add("/dev/" + d);
      }
    }
    expected.addAll(List.of("/dev/shm tmpfs", "/tmp tmpfs", "/proc proc"));
    assertEquals(0, run.result().exitCode(), run.text());
    // mount point and, where it is ours to choose, file system type
    List<String> seen = run.lines().stream().map(l -> {
      String mp = l.split(" ")[4];
      String fs = l.substring(l.indexOf(" - ") + 3).split(" ")[0];
      return mp.equals("/home/build") || mp.matches("/dev/[a-z]+") && !mp.equals("/dev/shm") ? mp : mp + " " + fs;
    }).sorted().toList();
    assertEquals(expected.stream().sorted().toList(), seen, run.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_timeout_killsTheWholeTreeWith124(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = prepared(sandbox);
    String marker = "rooted-spin-" + runner;
    var req = new ExecRequest(workspace(tmp), List.of("/bin/sh", "-c", "while :; do :; done & wait", marker),
        ENV, null, Duration.ofMillis(1500), null, false, root);
    ExecResult r = sandbox.run(req);
    assertTrue(r.timedOut());
    assertEquals(124, r.exitCode());
    Thread.sleep(200);
    assertEquals(List.of(), HostProcesses.matching(marker));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_network_hasOnlyLoopback(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    var run = sh(sandbox, prepared(sandbox, "cat"), "while read -r name _; do echo $name; done < /proc/net/dev");
    assertEquals(List.of("Inter-|", "face", "lo:"), run.lines(), run.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_insideTheRoot_everythingIsRootsAndWeAreUid0(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    var run = sh(sandbox, prepared(sandbox, "id", "ls"),
        "id -u; id -g; ls -ln /usr/bin/dash | while read -r _ _ u g _; do echo $u:$g; done");
    assertEquals(List.of("0", "0", "0:0"), run.lines(), run.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_environment_isExactlyTheRequestsPlusPwd(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = prepared(sandbox, "env");
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "SOURCE_DATE_EPOCH", "0", "WITH_SPACE", "a b=c",
        "IFS", "x", "workdir", "w");
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    var req = new ExecRequest(workspace(tmp), List.of("/usr/bin/env"), env, "/tmp", Duration.ofSeconds(60),
        lines::add, false).withRoot(root);
    ExecResult r = sandbox.run(req);
    assertEquals(0, r.exitCode(), String.join("\n", lines));
    assertEquals(List.of("IFS=x", "PATH=/usr/bin:/bin", "PWD=/tmp", "SOURCE_DATE_EPOCH=0", "WITH_SPACE=a b=c",
        "workdir=w"), lines.stream().sorted().toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_rootWithOnlyAShell_runsWithoutEnvOrCoreutils(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = prepared(sandbox);
    var run = sh(sandbox, workspace(tmp), root, Map.of("A", "1 2"), "echo \"$A\" $PWD; export -p; exit 3");
    assertEquals(3, run.result().exitCode());
    assertEquals(List.of("1 2 /home/build", "export A='1 2'", "export PWD='/home/build'"), run.lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_accountFiles_theRootsWinOursFillTheGap(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = TestRoot.build(tmp.resolve("root"), "cat");
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:the root's own:/root:/bin/sh\n");
    sandbox.prepareRoot(root);
    var run = sh(sandbox, root, "cat /etc/passwd /etc/group /etc/hosts");
    List<String> expected = new ArrayList<>(List.of("root:x:0:0:the root's own:/root:/bin/sh"));
    expected.addAll(List.of((HostLayout.GROUP + "\n" + HostLayout.HOSTS).split("\n")));
    assertEquals(expected, run.lines(), run.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_preloadListOfTheRoot_reachesOnlyTheRootsPrograms(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = TestRoot.build(tmp.resolve("root"));
    Files.createDirectories(root.resolve("usr/etc"));
    Files.writeString(root.resolve("usr/etc/preload"), "/no-such-preload.so\n");
    Files.createSymbolicLink(root.resolve("etc/ld.so.preload"), Path.of("/usr/etc/preload"));
    sandbox.prepareRoot(root);
    var run = sh(sandbox, root, "echo ran");
    // the root's dash reads it, as the root intends; the host's umount, run during setup, must not
    assertEquals(0, run.result().exitCode(), run.text());
    assertEquals(1, run.lines().stream().filter(l -> l.contains("no-such-preload.so")).count(), run.text());
    assertEquals("ran", run.lines().get(run.lines().size() - 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void rooted_rootWithoutAShell_failsWithOneClearLine(String runner) throws Exception {
    Sandbox sandbox = rooted(runner);
    Path root = Files.createDirectories(tmp.resolve("root/usr/bin"));
    Files.createSymbolicLink(tmp.resolve("root/bin"), Path.of("/usr/bin")); // absolute: the root's, not the host's
    Path ws = workspace(tmp);
    var e = assertThrows(PkgbuildException.class, () -> sh(sandbox, ws, tmp.resolve("root"), ENV, "true"));
    assertEquals("build root " + tmp.resolve("root") + " has no /bin/sh: add busybox (or another shell)"
        + " to the environment's packages", e.getMessage());
  }

  @Test
  void rooted_linkAtAMountPoint_isRefused() throws Exception {
    Sandbox sandbox = rooted("unshare");
    Path root = TestRoot.build(tmp.resolve("root"));
    Files.createSymbolicLink(root.resolve("tmp"), Path.of("/var/tmp"));
    var e = assertThrows(PkgbuildException.class, () -> sh(sandbox, root, "true"));
    assertEquals("build root " + root + " has a symbolic link at /tmp, where the sandbox mounts its own folder",
        e.getMessage());
  }

  @Test
  void rooted_preloadListAtAPathWithBlanks_isRefused() throws Exception {
    Sandbox sandbox = rooted("unshare");
    Path root = prepared(sandbox);
    Files.writeString(Files.createDirectories(root.resolve("usr/odd dir")).resolve("preload"), "");
    Files.createSymbolicLink(root.resolve("etc/ld.so.preload"), Path.of("../usr/odd dir/preload"));
    var e = assertThrows(PkgbuildException.class, () -> sh(sandbox, root, "true"));
    assertEquals("build root " + root + " has /etc/ld.so.preload at /usr/odd dir/preload, a path with blanks"
        + " or backslashes the sandbox cannot cover", e.getMessage());
  }

  @Test
  void rooted_variableNameTheShellCannotExport_isRefused() throws Exception {
    Sandbox sandbox = rooted("unshare");
    Path root = prepared(sandbox);
    var e = assertThrows(PkgbuildException.class, () -> sh(sandbox, workspace(tmp), root, Map.of("a.b", "1"), "true"));
    assertEquals("environment variable 'a.b' cannot be passed into a build root: use letters, digits and _ only",
        e.getMessage());
  }

  @Test
  void prepareRoot_asRoot_givesTheTreeToTheSandboxUidKeepingSetIdBits() throws Exception {
    Sandbox sandbox = rooted("unshare");
    Requires.that(HostIdentity.current().dropsRoot(), "only a build started by root hands roots over (CI runs as root)");
    Path root = TestRoot.build(tmp.resolve("root"));
    Path suid = Files.copy(root.resolve("usr/bin/dash"), root.resolve("usr/bin/suid"));
    Files.setAttribute(suid, "unix:mode", 04755);
    Path sgidDir = Files.createDirectories(root.resolve("var/mail"));
    Files.setAttribute(sgidDir, "unix:mode", 02775);
    sandbox.prepareRoot(root);
    var noFollow = LinkOption.NOFOLLOW_LINKS;
    assertEquals(04755, (Integer) Files.getAttribute(suid, "unix:mode") & 07777);
    assertEquals(02775, (Integer) Files.getAttribute(sgidDir, "unix:mode") & 07777);
    for (Path p : List.of(root, suid, sgidDir, root.resolve("bin"), root.resolve("usr/bin/sh"))) {
      assertEquals(HostIdentity.SANDBOX_UID, Files.getAttribute(p, "unix:uid", noFollow), p.toString());
      assertEquals(HostIdentity.SANDBOX_UID, Files.getAttribute(p, "unix:gid", noFollow), p.toString());
    }
  }

  @Test
  void inRoot_linksResolveInsideTheRootNeverOnTheHost() throws Exception {
    Path r = tmp.resolve("root");
    Path bin = Files.createDirectories(r.resolve("usr/bin"));
    Files.writeString(bin.resolve("busybox"), "");
    Files.createSymbolicLink(r.resolve("bin"), Path.of("/usr/bin"));
    Files.createSymbolicLink(bin.resolve("sh"), Path.of("../../../../../bin/busybox"));
    Files.createSymbolicLink(bin.resolve("env"), Path.of("/usr/bin/env-missing"));
    Files.createSymbolicLink(bin.resolve("loop"), Path.of("loop"));
    assertEquals(r.resolve("usr/bin/busybox"), InRoot.resolve(r, "/bin/sh").orElseThrow());
    assertTrue(InRoot.resolve(r, "/bin/env").isEmpty());
    assertTrue(InRoot.resolve(r, "/bin/loop").isEmpty());
  }

  private Sandbox rooted(String runner) {
    Sandbox sandbox = SandboxFixture.sandbox(runner);
    Requires.tool("unshare"); // both runners start rooted steps with it
    return sandbox;
  }

  private Path prepared(Sandbox sandbox, String... tools) throws Exception {
    Path root = TestRoot.build(tmp.resolve("root"), tools);
    sandbox.prepareRoot(root);
    return root;
  }

  private SandboxFixture.Run sh(Sandbox sandbox, Path root, String script) throws Exception {
    Path ws = Files.isDirectory(tmp.resolve("ws")) ? tmp.resolve("ws") : workspace(tmp);
    return sh(sandbox, ws, root, ENV, script);
  }

  private static SandboxFixture.Run sh(Sandbox sandbox, Path ws, Path root, Map<String, String> env, String script)
      throws PkgbuildException {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    var req = new ExecRequest(ws, List.of("/bin/sh", "-c", script), env, null, Duration.ofSeconds(60), lines::add,
        false, root);
    return new SandboxFixture.Run(sandbox.run(req), List.copyOf(lines));
  }
}
