package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Real runners and workspaces for the sandbox tests. */
final class SandboxFixture {
  static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin:/usr/sbin:/sbin", "HOME", "/home/build");

  private SandboxFixture() {}

  /** The named runner on this host; skips (fails under CI) when its tool is missing. */
  static Sandbox sandbox(String runner) {
    Requires.tool(runner.equals("bubblewrap") ? "bwrap" : "unshare");
    HostIdentity who = HostIdentity.current();
    if (who.dropsRoot()) {
      Requires.tool("setpriv");
    }
    return runner.equals("bubblewrap") ? new BubblewrapSandbox(who, "bwrap") : new UnshareSandbox(who, "unshare");
  }

  /**
   * A workspace under {@code tmp}: the JUnit folder is opened to others (search only) so the
   * unprivileged sandbox uid can reach it when the tests run as root, as in CI.
   */
  static Path workspace(Path tmp) throws IOException {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    return Files.createDirectories(tmp.resolve("ws"));
  }

  /** Runs {@code script} with /bin/sh in the sandbox; output lines are collected. */
  static Run sh(Sandbox sandbox, Path ws, String script) throws PkgbuildException {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    ExecRequest req = new ExecRequest(ws, List.of("/bin/sh", "-c", script), ENV, null,
        Duration.ofSeconds(60), lines::add, false);
    return new Run(sandbox.run(req), List.copyOf(lines));
  }

  /** A finished run: its result and every output line. */
  record Run(ExecResult result, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }
  }
}
