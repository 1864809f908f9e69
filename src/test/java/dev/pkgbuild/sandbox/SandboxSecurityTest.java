package dev.pkgbuild.sandbox;

import static dev.pkgbuild.sandbox.SandboxFixture.sandbox;
import static dev.pkgbuild.sandbox.SandboxFixture.sh;
import static dev.pkgbuild.sandbox.SandboxFixture.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a build must not be able to do, proved against both runners. */
class SandboxSecurityTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_connectToHostServer_fails(String runner) throws Exception {
    Requires.tool("bash");
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      int port = server.getLocalPort();
      // control: the same connection from the host works
      try (Socket ok = new Socket("127.0.0.1", port); Socket accepted = server.accept()) {
        assertTrue(accepted.isConnected());
      }
      var run = sh(sandbox(runner), workspace(tmp),
          "bash -c 'echo hello > /dev/tcp/127.0.0.1/" + port + "' && echo CONNECTED; exit 0");
      assertFalse(run.lines().contains("CONNECTED"), run.text());
      server.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, server::accept);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_networkInterfaces_onlyLoopback(String runner) throws Exception {
    var run = sh(sandbox(runner), workspace(tmp), "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
    assertEquals(List.of("lo"), run.lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_writeOutsideWorkspace_fails(String runner) throws Exception {
    Path ws = workspace(tmp);
    Path hostDir = Files.createDirectories(tmp.resolve("host-writable"));
    Files.setPosixFilePermissions(hostDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    String script = "for f in /usr/pkgbuild-escape /usr/bin/pkgbuild-escape /etc/pkgbuild-escape /pkgbuild-escape "
        + hostDir + "/escape; do if touch $f 2>/dev/null; then echo WROTE $f; fi; done; "
        // the same path under the sandbox's private /tmp may be made, but never reaches the host
        + "mkdir -p " + hostDir + " && echo private > " + hostDir + "/private; echo done";
    var run = sh(sandbox(runner), ws, script);
    assertEquals(List.of("done"), run.lines());
    for (String p : List.of("/usr/pkgbuild-escape", "/usr/bin/pkgbuild-escape", "/etc/pkgbuild-escape", "/pkgbuild-escape")) {
      assertFalse(Files.exists(Path.of(p)), p);
    }
    assertFalse(Files.exists(hostDir.resolve("escape")));
    assertFalse(Files.exists(hostDir.resolve("private")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_readSigningKeyOrHome_fails(String runner) throws Exception {
    Path ws = workspace(tmp);
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    Path key = Files.writeString(keys.resolve("signing.rsa"), "SECRET-KEY-MATERIAL\n");
    // readable by anyone on the host: only the sandbox's view keeps it out
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    String script = "cat " + key + " 2>&1; ls /root 2>&1 && echo HOME-LISTED; cat /etc/shadow 2>&1;"
        + " ls /work /home 2>&1; cat /etc/passwd; echo done";
    var run = sh(sandbox(runner), ws, script);
    assertFalse(run.text().contains("SECRET-KEY-MATERIAL"), run.text());
    assertFalse(run.text().contains("HOME-LISTED"), run.text());
    assertTrue(run.lines().contains("build"), run.text()); // /home holds only the workspace
    assertFalse(run.text().contains(":x:" + HostIdentity.current().runAs() + ":"), run.text());
    assertTrue(run.lines().contains("root:x:0:0:root:/root:/bin/sh"), run.text());
    assertEquals("done", run.lines().get(run.lines().size() - 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_hostProcesses_areInvisible(String runner) throws Exception {
    String marker = "313.5" + runner.length();
    Process host = new ProcessBuilder("sleep", marker).start();
    try {
      // the child shows its command line only once it has exec'd, a moment after start()
      for (int i = 0; i < 200 && HostProcesses.matching("sleep\0" + marker).isEmpty(); i++) {
        Thread.sleep(10);
      }
      assertFalse(HostProcesses.matching("sleep\0" + marker).isEmpty(), "control: the host sees its marker");
      var run = sh(sandbox(runner), workspace(tmp),
          "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done; echo PIDS $(ls -d /proc/[0-9]* | wc -l)");
      assertFalse(run.text().contains("sleep " + marker), run.text());
      String pids = run.lines().get(run.lines().size() - 1);
      assertTrue(Integer.parseInt(pids.substring(5).trim()) < 10, pids);
    } finally {
      host.destroyForcibly();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void run_devices_onlyTheHarmlessOnes(String runner) throws Exception {
    var run = sh(sandbox(runner), workspace(tmp),
        "head -c 4 /dev/zero | wc -c; ls /dev/sda /dev/vda /dev/mem /dev/kmsg 2>/dev/null; echo done");
    assertEquals(List.of("4", "done"), run.lines());
  }

  private static <T extends Throwable> void assertThrows(Class<T> type, org.junit.jupiter.api.function.Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(type, e);
  }
}
