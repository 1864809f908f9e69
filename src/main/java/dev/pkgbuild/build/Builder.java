package dev.pkgbuild.build;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.source.Fetcher;
import dev.pkgbuild.source.SourceCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One recipe, end to end: validate everything first (recipe, key, sandbox, sources),
 * then run the steps in a fresh workspace, package, and publish atomically. A failure at
 * any point leaves the repository as it was.
 */
public final class Builder {
  /** Picks and preflights the sandbox for a runner name. */
  @FunctionalInterface
  public interface SandboxFactory {
    Sandbox create(String runner) throws PkgbuildException;
  }

  private final Reporter reporter;
  private final SandboxFactory sandboxes;
  private final Clock clock;

  public Builder(Reporter reporter, SandboxFactory sandboxes, Clock clock) {
    this.reporter = reporter;
    this.sandboxes = sandboxes;
    this.clock = clock;
  }

  /**
   * Builds and publishes.
   *
   * @throws PkgbuildException for bad input (recipe, key), an unusable sandbox, a source
   *     that cannot be had, or a failed step; nothing is published then
   */
  public BuildResult build(BuildRequest req) throws PkgbuildException {
    Arch arch = req.arch() == null ? Arch.host() : Arch.parse(req.arch());
    CompiledRecipe recipe = new RecipeCompiler(req.pipelineDirs()).compile(req.recipe(), arch, Map.of());
    CompiledPackage main = recipe.main();
    SigningKey key = KeyResolver.resolve(req.signingKey(), req.keysDir(), reporter);
    Sandbox sandbox = sandboxes.create(req.runner());
    Path sourceDir = sourceDir(req, main.name());
    Map<String, String> env = BuildEnvironment.of(req.envFiles(), recipe.environment().environment(),
        req.sourceDateEpoch());
    reporter.info("building " + main.name() + "-" + main.fullVersion() + " for " + arch.apkName()
        + " with " + sandbox.name());
    if (!recipe.environment().packages().isEmpty()) {
      reporter.info("the host toolchain stands in for: " + String.join(" ", recipe.environment().packages()));
    }
    Fetcher fetcher = new Fetcher(new SourceCache(req.cacheDir()), req.offline(), FetchProgressLog.to(reporter));
    try (Workspace ws = Workspace.create(req.tempRoot(), main.name());
        BuildLog log = new BuildLog(logFile(ws), reporter, clock)) {
      try {
        HostSteps host = new HostSteps(fetcher, new GitSteps(sourceDir, req.sourceDateEpoch()), ws.dir());
        host.prefetch(allSteps(recipe));
        List<Path> apks = runAndPackage(req, recipe, sandbox, host, ws, env, log, sourceDir, key);
        return publish(req, recipe, apks, key, log);
      } catch (PkgbuildException | RuntimeException e) {
        ws.keep();
        log.info("build failed; workspace kept at " + ws.dir() + ", log at " + log.file());
        throw e;
      } finally {
        if (req.keepWorkspace()) {
          ws.keep();
          reporter.info("workspace kept at " + ws.dir());
        }
      }
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot set up the build workspace: " + e.getMessage());
    }
  }

  private List<Path> runAndPackage(BuildRequest req, CompiledRecipe recipe, Sandbox sandbox, HostSteps host,
      Workspace ws, Map<String, String> env, BuildLog log, Path sourceDir, SigningKey key)
      throws PkgbuildException, IOException {
    Workspaces.populate(ws.dir(), sourceDir, recipe);
    StepRunner runner = new StepRunner(sandbox, ws.dir(), env, host, log, req.interactive());
    runner.run(recipe.main().name(), recipe.main().pipeline());
    for (CompiledPackage sub : recipe.subpackages()) {
      runner.run(sub.name(), sub.pipeline());
    }
    return new Packager(req, recipe, ws.dir(), key, log).packageAll();
  }

  private BuildResult publish(BuildRequest req, CompiledRecipe recipe, List<Path> apks, SigningKey key,
      BuildLog log) throws PkgbuildException, IOException {
    Path archDir = req.outDir().resolve(recipe.arch().apkName());
    List<Path> published = Publishing.publish(archDir, apks, key, req.sourceDateEpoch(), log);
    Path keptLog = archDir.resolve(recipe.main().name() + "-" + recipe.main().fullVersion() + ".log");
    log.info("published " + published.size() + " package(s) to " + archDir);
    Files.copy(log.file(), keptLog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new BuildResult(published, archDir.resolve("APKINDEX.tar.gz"), keptLog);
  }

  private static List<dev.pkgbuild.pipeline.Step> allSteps(CompiledRecipe recipe) {
    List<dev.pkgbuild.pipeline.Step> all = new ArrayList<>(recipe.main().pipeline());
    recipe.subpackages().forEach(s -> all.addAll(s.pipeline()));
    return all;
  }

  private static Path logFile(Workspace ws) {
    return ws.dir().resolveSibling(ws.dir().getFileName() + ".log");
  }

  private static Path sourceDir(BuildRequest req, String name) throws PkgbuildException {
    if (req.sourceDir() != null) {
      if (!Files.isDirectory(req.sourceDir())) {
        throw PkgbuildException.badInput("--source-dir " + req.sourceDir() + " is not a folder");
      }
      return req.sourceDir();
    }
    Path beside = req.recipe().toAbsolutePath().getParent().resolve(name);
    return Files.isDirectory(beside) ? beside : null;
  }
}
