package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sandbox.SandboxSelector;
import dev.pkgbuild.testing.RecordingReporter;
import dev.pkgbuild.testing.RecordingSandbox;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Builds recipes the way the CLI does, into a test's own folders, with a recording reporter,
 * in the real sandbox or in a {@link RecordingSandbox}.
 */
final class TestBuilds {
  final Path root;
  final String runner;
  final Builder.SandboxFactory sandboxes;
  final RecordingReporter reporter = RecordingReporter.withDetails();

  /** Builds in the host's real sandbox for {@code runner}. */
  TestBuilds(Path root, String runner) {
    this(root, runner, r -> SandboxSelector.forHost(System.getenv("PATH")).select(r).sandbox());
    openForSandbox(root);
  }

  private TestBuilds(Path root, String runner, Builder.SandboxFactory sandboxes) {
    this.root = root;
    this.runner = runner;
    this.sandboxes = sandboxes;
  }

  /** Builds with {@code fake} for every runner: for tests of orchestration, not isolation. */
  static TestBuilds with(Path root, RecordingSandbox fake) {
    return new TestBuilds(root, "auto", r -> fake);
  }

  /**
   * When tests run as root the sandbox runs as an unprivileged uid, which must be able to
   * reach the workspace: JUnit's temp folders are 0700, so open them (and their parents) for search.
   */
  static void openForSandbox(Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
      for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(System.getProperty("java.io.tmpdir")); p = p.getParent()) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = java.nio.file.Files.getPosixFilePermissions(p);
        perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        java.nio.file.Files.setPosixFilePermissions(p, perms);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The runner names that work here; under CI both must. */
  static void requireRunner(String runner) {
    Requires.tool(runner.equals("bubblewrap") ? "bwrap" : "unshare");
  }

  Path out() {
    return root.resolve("repo");
  }

  Path keys() {
    return root.resolve("keys");
  }

  Path cache() {
    return root.resolve("cache");
  }

  BuildRequest request(Path recipe, long epoch) {
    return request(recipe, epoch, true);
  }

  /** {@code offline}: sources and packages only from the cache (tests' default); else a local server may serve them. */
  BuildRequest request(Path recipe, long epoch, boolean offline) {
    return new BuildRequest(recipe, "x86_64", out(), null, keys(), null, List.of(), cache(), List.of(), null,
        runner, root.resolve("tmp"), false, false, offline, epoch);
  }

  Builder builder() {
    return new Builder(reporter, sandboxes, Clock.systemUTC());
  }

  BuildResult build(Path recipe, long epoch) throws PkgbuildException {
    return builder().build(request(recipe, epoch));
  }

  String output() {
    return String.join("\n", reporter.lines());
  }
}
