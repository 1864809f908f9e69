package dev.pkgbuild.sandbox;

import static dev.pkgbuild.sandbox.SandboxFixture.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A package built on the host, tested over the host toolchain: its root's files lie over the
 * host's toolchain folders; the host's stay read-only, and writes among the package's own files
 * are thrown away with the step.
 */
class OverHostSandboxTest {
  static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/build");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void overHost_thePackagesFilesLieOverTheHostToolchain(String runner) throws Exception {
    Sandbox sandbox = SandboxFixture.sandbox(runner);
    Requires.tool("unshare");
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createDirectories(root.resolve("usr/share/greet"));
    Files.createDirectories(root.resolve("lib/apk/db")); // where the installer puts apk's database
    Files.writeString(root.resolve("lib/apk/db/installed"), "P:greet\n");
    Files.writeString(root.resolve("usr/share/greet/VERSION"), "1.0\n");
    Path hello = Files.writeString(root.resolve("usr/bin/greet"), "#!/bin/sh\necho hello from the package\n");
    Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    sandbox.prepareRoot(root);
    List<String> before = TestRoot.listing(root);

    var run = sh(sandbox, root, "greet; cat /usr/share/greet/VERSION; command -v cat; cat /lib/apk/db/installed; ls /lib/x86_64-linux-gnu/libc.so.6; [ -e /etc/debian_version ] "
        + "|| echo no debian_version; echo x > /usr/share/greet/scratch; "
        + "(echo y > /usr/lib/scratch-$$) 2>/dev/null || echo host folders stay read-only; echo wrote");
    assertEquals(List.of("hello from the package", "1.0", "/usr/bin/cat", "P:greet", "/lib/x86_64-linux-gnu/libc.so.6",
        "no debian_version",
        "host folders stay read-only", "wrote"), run.lines(), run.text());
    var again = sh(sandbox, root, "ls /usr/share/greet; ls /usr/lib | grep -c scratch- || true");
    assertEquals(List.of("VERSION", "0"), again.lines(), again.text());
    assertEquals(before, TestRoot.listing(root), "the root is never written");
    assertEquals(List.of(), Files.list(Path.of("/usr/lib")).filter(p -> p.getFileName().toString()
        .startsWith("scratch-")).toList(), "nor the host");
  }

  private SandboxFixture.Run sh(Sandbox sandbox, Path root, String script) throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    var req = new ExecRequest(workspace(tmp), List.of("/bin/sh", "-c", script), ENV, null, Duration.ofSeconds(60),
        lines::add, false).overHost(root);
    return new SandboxFixture.Run(sandbox.run(req), List.copyOf(lines));
  }
}
