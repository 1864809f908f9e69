package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A recipe from someone else must not reach the network, write outside its workspace,
 * read the signing key or the user's home, or see host processes: each attempt fails the
 * build, with both sandbox runners.
 */
class BuilderIsolationTest {
  @TempDir Path tmp;

  private PkgbuildException buildFails(String runner, String runs) throws Exception {
    TestBuilds.requireRunner(runner);
    TestBuilds t = new TestBuilds(tmp, runner);
    Path recipe = BuilderFailureTest.recipe(tmp, "probe", "1.0", runs);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.build(recipe, 0));
    assertEquals(ExitStatus.FAILED, e.status(), e.getMessage());
    assertFalse(Files.exists(t.out().resolve("x86_64/probe-1.0-r0.apk")));
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void build_recipeReachingTheNetwork_fails(String runner) throws Exception {
    Requires.tool("bash");
    try (ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      // The same probe outside the sandbox connects, so a failure inside is the sandbox's doing.
      Process control = new ProcessBuilder("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port).start();
      assertTrue(control.waitFor(10, TimeUnit.SECONDS) && control.exitValue() == 0, "control probe connects");
      buildFails(runner, "exec 3<>/dev/tcp/127.0.0.1/" + port);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void build_recipeWritingOutsideItsWorkspace_fails(String runner) throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    buildFails(runner, "echo x > " + outside + "/pwned || echo x > /usr/pwned-by-probe");
    assertFalse(Files.exists(outside.resolve("pwned")));
    assertFalse(Files.exists(Path.of("/usr/pwned-by-probe")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void build_recipeReadingTheSigningKey_fails(String runner) throws Exception {
    TestBuilds.requireRunner(runner);
    new TestBuilds(tmp, runner).build(BuilderFailureTest.recipe(tmp, "first", "1.0", "true"), 0);
    Path key;
    try (var s = Files.list(tmp.resolve("keys"))) {
      key = s.filter(p -> p.toString().endsWith(".rsa")).findFirst().orElseThrow();
    }
    buildFails(runner, "cat " + key.toAbsolutePath());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void build_recipeReadingTheUsersHome_fails(String runner) throws Exception {
    String home = System.getProperty("user.home");
    Requires.that(Files.isDirectory(Path.of(home, ".m2")), "the user's home has no .m2 to look for");
    buildFails(runner, "test -d " + home + "/.m2 || ls " + home);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void build_recipeLookingForHostProcesses_fails(String runner) throws Exception {
    Process marker = new ProcessBuilder("sleep", "301").start();
    try {
      buildFails(runner, "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done | grep -q '^sleep 301'");
    } finally {
      marker.destroyForcibly();
    }
  }
}
