package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.Step;
import dev.pkgbuild.sandbox.ExecRequest;
import dev.pkgbuild.sandbox.ExecResult;
import dev.pkgbuild.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs compiled steps in order: a step's own script first, then its children. Source
 * steps (fetch, git-checkout) run on the host; everything else runs in the sandbox.
 */
final class StepRunner {
  private final Sandbox sandbox;
  private final Path root;
  private final boolean overHost;
  private final Path workspace;
  private final Map<String, String> baseEnv;
  private final HostSteps host;
  private final BuildLog log;
  private final boolean interactive;

  /** {@code root}: the installed environment to run steps in as {@code /}, or null for the host toolchain. */
  StepRunner(Sandbox sandbox, Path root, Path workspace, Map<String, String> baseEnv, HostSteps host, BuildLog log,
      boolean interactive) {
    this(sandbox, root, false, workspace, baseEnv, host, log, interactive);
  }

  /** {@code overHost}: {@code root} lies over the host toolchain (a test of a package built on the host). */
  StepRunner(Sandbox sandbox, Path root, boolean overHost, Path workspace, Map<String, String> baseEnv, HostSteps host,
      BuildLog log, boolean interactive) {
    this.sandbox = sandbox;
    this.root = root;
    this.overHost = overHost;
    this.workspace = workspace;
    this.baseEnv = baseEnv;
    this.host = host;
    this.log = log;
    this.interactive = interactive;
  }

  /** Runs {@code steps} for package {@code pkg}; throws on the first failure. */
  void run(String pkg, List<Step> steps) throws PkgbuildException {
    for (Step step : steps) {
      runOne(pkg, step, null);
    }
  }

  /** A step is shown by its name, else by the pipeline it belongs to, else by its first line. */
  private static String label(Step step, String parentUses) {
    if (step.name() == null && step.uses() == null && parentUses != null) {
      return parentUses;
    }
    return step.displayName();
  }

  private void runOne(String pkg, Step step, String parentUses) throws PkgbuildException {
    String label = pkg + ": " + label(step, parentUses);
    if (host.handles(step)) {
      long t0 = System.nanoTime();
      log.info("==> " + label + " (on the host)");
      host.run(step, line -> log.stepOutput("    " + pkg + " |", line));
      sandbox.hostWrote(workspace);
      log.detail("    " + label + " done in " + millis(t0) + " ms");
    } else if (step.runs() != null && !step.runs().isBlank()) {
      log.info("==> " + label);
      ExecResult r = sandbox.run(request(step, line -> log.stepOutput("    " + pkg + " |", line), false));
      log.detail("    " + label + " done in " + r.elapsed().toMillis() + " ms");
      if (!r.ok()) {
        fail(pkg, step, parentUses, r);
      }
    } else if (step.children().isEmpty()) {
      log.detail("    " + label + ": nothing to run");
    }
    for (Step child : step.children()) {
      runOne(pkg, child, step.uses() != null ? step.uses() : parentUses);
    }
  }

  private ExecRequest request(Step step, java.util.function.Consumer<String> out, boolean shell) {
    Map<String, String> env = new LinkedHashMap<>(baseEnv);
    env.putAll(step.environment());
    List<String> argv = shell ? List.of("/bin/sh", "-i") : StepScript.argv(step.runs(), step.workingDirectory());
    Duration timeout = null;
    return new ExecRequest(workspace, argv, env, StepScript.workdir(step.workingDirectory()), timeout, out, shell,
        root, overHost);
  }

  private void fail(String pkg, Step step, String parentUses, ExecResult r) throws PkgbuildException {
    for (String line : r.tail()) {
      log.info("    | " + line);
    }
    if (interactive) {
      log.info("opening a shell in the sandbox at the failed step; exit it to end the build");
      sandbox.run(request(step, line -> {}, true));
    }
    String why = r.timedOut() ? "timed out" : "failed with exit code " + r.exitCode();
    throw new StepFailure(pkg + ": step '" + label(step, parentUses) + "' (" + step.pos() + ") " + why, r.tail());
  }

  private static long millis(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
