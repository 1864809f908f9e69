package dev.pkgbuild.builder;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.VerifiedPackage;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.graph.BuildInputs;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.io.Nss;
import dev.pkgbuild.io.SideBySide;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.pipeline.Renderer;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.repo.EnvironmentRecord;
import dev.pkgbuild.repo.InputsRecord;
import dev.pkgbuild.repo.PublishResult;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.repo.StagedApk;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.source.Fetcher;
import dev.pkgbuild.source.SourceCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /** The sandbox this builder would use for {@code runner}. */
  public Sandbox sandboxFor(String runner) throws PkgbuildException {
    return sandboxes.create(runner);
  }

  /**
   * Runs the recipe's {@code test:} blocks against its packages already in the repository, as
   * {@code melange test} does: each in a fresh root with the package at the recipe's version.
   *
   * @return one line per package whose test passed
   * @throws PkgbuildException when a package is not in the repository, an environment cannot be
   *     made, or a test fails
   */
  public List<String> test(BuildRequest req) throws PkgbuildException {
    Arch arch = Hosts.arch(req.arch());
    CompiledRecipe recipe = new RecipeCompiler(req.pipelineDirs()).compile(req.recipe(), arch, Map.of(), req.inputs());
    SigningKey key = KeyResolver.existing(req.signingKey(), req.keysDir());
    if (key == null) {
      throw PkgbuildException.badInput("no signing key in " + req.keysDir() + " (or --signing-key): the "
          + "repository's packages are trusted through it");
    }
    Repository repo = Repository.open(req.outDir(), arch.apkName(), key, reporter);
    Map<String, IndexEntry> listed = Files.isRegularFile(repo.indexFile()) ? repo.listed() : Map.of();
    List<VerifiedPackage> entries = new ArrayList<>();
    for (CompiledPackage p : recipe.packages()) {
      IndexEntry e = listed.get(p.name() + "-" + p.fullVersion());
      if (e == null) {
        throw PkgbuildException.badInput(p.name() + "-" + p.fullVersion() + " is not in " + repo.archDir()
            + ": build it first (pkgbuild build " + req.recipe() + ")");
      }
      entries.add(VerifiedPackage.of(repo.archDir().resolve(e.fileName()), e));
    }
    Sandbox sandbox = sandboxes.create(req.runner());
    Path sourceDir = sourceDir(req, recipe.main().name());
    Fetcher fetcher = new Fetcher(new SourceCache(req.cacheDir()), req.offline(), FetchProgressLog.to(reporter));
    Path outRepo = req.outDir().toAbsolutePath().normalize();
    try (Workspace ws = Workspace.create(req.tempRoot(), recipe.main().name() + "-test");
        BuildLog log = new BuildLog(ws.logFile(), reporter, clock)) {
      PackageTests.Subject subject = new PackageTests.Subject(recipe, entries, BuildRoots.request(req, recipe, key));
      List<PackageTests.Passed> passed = new PackageTests(req, sandbox, key, log, fetcher, sourceDir)
          .run(subject, work -> outRepo);
      List<String> lines = new ArrayList<>();
      for (PackageTests.Passed p : passed) {
        lines.add(p.pkg() + "-" + recipe.main().fullVersion() + ": test passed (" + p.packages().size()
            + " packages)");
      }
      return lines;
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot set up the test workspace: " + e.getMessage());
    }
  }

  /**
   * Builds and publishes.
   *
   * @throws PkgbuildException for bad input (recipe, key), an unusable sandbox, a source
   *     that cannot be had, or a failed step; nothing is published then
   */
  public BuildResult build(BuildRequest req) throws PkgbuildException {
    Arch arch = Hosts.arch(req.arch());
    // The sandbox preflight starts a process; it runs while the recipe loads, and is still
    // finished before any work starts.
    SideBySide.Pending<Sandbox, PkgbuildException> preflight = SideBySide.start(() -> sandboxes.create(req.runner()));
    // So does loading a key already on disk; a new key is made only once the recipe is good.
    SideBySide.Pending<SigningKey, PkgbuildException> existingKey = SideBySide.start(() ->
        KeyResolver.existing(req.signingKey(), req.keysDir()));
    CompiledRecipe recipe = new RecipeCompiler(req.pipelineDirs()).compile(req.recipe(), arch, Map.of(), req.inputs());
    CompiledPackage main = recipe.main();
    SigningKey key = existingKey.join();
    if (key == null) {
      key = KeyResolver.resolve(req.signingKey(), req.keysDir(), reporter);
    }
    Sandbox sandbox = preflight.join();
    Path sourceDir = sourceDir(req, main.name());
    Map<String, String> env = BuildEnvironment.of(req.envFiles(), recipe.environment().environment(),
        req.sourceDateEpoch());
    reporter.info("building " + main.name() + "-" + main.fullVersion() + " for " + arch.apkName()
        + " with " + sandbox.name());
    EnvironmentRequest envRequest = BuildRoots.request(req, recipe, key);
    if (!envRequest.hasRepositories() && !envRequest.packages().isEmpty()) {
      reporter.info("no repositories to install from: the host toolchain stands in for: "
          + String.join(" ", envRequest.packages()));
    }
    Fetcher fetcher = new Fetcher(new SourceCache(req.cacheDir()), req.offline(), FetchProgressLog.to(reporter));
    try (Workspace ws = Workspace.create(req.tempRoot(), main.name());
        BuildLog log = new BuildLog(ws.logFile(), reporter, clock)) {
      try {
        BuildRoots.BuildRoot root = envRequest.hasRepositories() ? root(envRequest, req, main, sandbox, log) : null;
        HostSteps host = new HostSteps(fetcher, ws.dir(), sourceDir, req.sourceDateEpoch());
        host.prefetch(allSteps(recipe));
        key.prepare(); // the fast signer and digests load while the steps run, ready for packaging
        Workspaces.populate(ws.dir(), sourceDir, recipe);
        if (sourceDir != null) {
          log.detail("copied source dir " + sourceDir); // the log's clock times the copy
        }
        // Hashed beside the steps, after the copy, which it would otherwise slow by reading the same
        // tree on the other core: only publishing needs it, and the build never writes to sourceDir.
        // It waits for the native digests first, as a source dir may be large.
        SideBySide.Pending<String, IOException> inputs = SideBySide.start(() -> {
          Nss.start().join();
          return BuildInputs.hash(Renderer.text(recipe), arch.apkName(), sourceDir);
        });
        Packaged packaged = runAndPackage(req, recipe, sandbox, root, host, ws, env, log, key);
        List<PackageTests.Passed> passed = new PackageTests(req, sandbox, key, log, fetcher, sourceDir)
            .run(recipe, packaged.built(), envRequest);
        return publish(req, recipe, packaged.withTests(recipe, passed), key, log, inputs, root, passed);
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

  private static BuildRoots.BuildRoot root(EnvironmentRequest envRequest, BuildRequest req,
      CompiledPackage main, Sandbox sandbox, BuildLog log) throws PkgbuildException {
    long t0 = System.nanoTime();
    BuildRoots.BuildRoot root;
    try {
      root = BuildRoots.prepare(envRequest, req, sandbox, log);
    } catch (PkgbuildException e) {
      throw new PkgbuildException(e.status(), "environment of " + main.name() + ": " + e.getMessage(), e);
    }
    log.info("environment: " + root.environment().resolution().packages().size() + " packages, root "
        + root.environment().id().substring(0, 12) + (root.cached() ? " (cached)" : " (installed)") + " in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
    log.detail("environment packages: " + String.join(" ", root.environment().packageList()));
    return root;
  }

  /** The packages written, and the SBOM writer that can add a passed test's environment. */
  private record Packaged(List<Packager.Built> built, SbomWriter sboms) {
    /** The packages, each tested one's SBOM (the copy beside it) naming the test environment that passed. */
    List<Packager.Built> withTests(CompiledRecipe recipe, List<PackageTests.Passed> passed) throws PkgbuildException {
      List<Packager.Built> out = new ArrayList<>();
      for (Packager.Built b : built) {
        PackageTests.Passed p = passed.stream().filter(t -> t.pkg().equals(b.written().info().pkgname()))
            .findFirst().orElse(null);
        CompiledPackage pkg = recipe.packages().stream().filter(c -> c.name().equals(b.written().info().pkgname()))
            .findFirst().orElseThrow();
        out.add(p == null ? b : new Packager.Built(b.file(), b.written(), sboms.withTest(pkg, p.packages()),
            b.staged()));
      }
      return out;
    }
  }

  private Packaged runAndPackage(BuildRequest req, CompiledRecipe recipe, Sandbox sandbox,
      BuildRoots.BuildRoot root, HostSteps host, Workspace ws, Map<String, String> env, BuildLog log, SigningKey key)
      throws PkgbuildException, IOException {
    StepRunner runner = new StepRunner(sandbox, root == null ? null : root.path(), ws.dir(), env, host, log,
        req.interactive());
    runner.run(recipe.main().name(), recipe.main().pipeline());
    for (CompiledPackage sub : recipe.subpackages()) {
      runner.run(sub.name(), sub.pipeline());
    }
    // Packages are written in the workspace (the sandbox is done with it), then copied into
    // the repository under its lock.
    Path staged = Files.createDirectories(ws.dir().resolve(".pkgbuild-apks"));
    List<String> environment = root == null ? recipe.environment().packages() : root.environment().packageList();
    SbomWriter sboms = new SbomWriter(recipe, host.sources(), sandbox.name(), environment, root != null,
        req.namespace(), req.sourceDateEpoch());
    return new Packaged(new Packager(req, recipe, ws.dir(), key, log).packageAll(staged, sboms), sboms);
  }

  private BuildResult publish(BuildRequest req, CompiledRecipe recipe, List<Packager.Built> built,
      SigningKey key, BuildLog log, SideBySide.Pending<String, IOException> inputsHash, BuildRoots.BuildRoot root,
      List<PackageTests.Passed> passed) throws PkgbuildException, IOException {
    String inputs = inputsHash.join();
    Repository repo = Repository.open(req.outDir(), recipe.arch().apkName(), key, log)
        .withIndexEpoch(req.sourceDateEpoch());
    List<StagedApk> staged = new ArrayList<>();
    for (Packager.Built b : built) {
      staged.add(b.staged());
    }
    PublishResult result = repo.publish(staged);
    result.notes().forEach(log::warn);
    // The files beside the packages are written side by side: each waits on its own fsyncs.
    List<SideBySide.Pending<Path, IOException>> writes = new ArrayList<>();
    String nameVersion = recipe.main().name() + "-" + recipe.main().fullVersion();
    writes.add(SideBySide.start(() -> {
      InputsRecord.write(repo.archDir(), nameVersion, inputs);
      return InputsRecord.file(repo.archDir(), nameVersion);
    }));
    for (PackageTests.Passed t : passed) {
      Path file = EnvironmentRecord.testFile(repo.archDir(), t.pkg() + "-" + recipe.main().fullVersion());
      writes.add(SideBySide.start(() -> {
        EnvironmentRecord.write(file, t.rootId(), t.packages());
        return file;
      }));
    }
    if (root != null) {
      writes.add(SideBySide.start(() -> {
        EnvironmentRecord.write(repo.archDir(), nameVersion, root.environment().id(),
            root.environment().packageList());
        return EnvironmentRecord.file(repo.archDir(), nameVersion);
      }));
    }
    for (Packager.Built b : built) {
      Path sbom = repo.archDir().resolve(b.written().info().pkgname() + "-" + b.written().info().pkgver() + ".spdx.json");
      writes.add(SideBySide.start(() -> {
        AtomicFiles.write(sbom, b.sbom());
        return sbom;
      }));
    }
    for (SideBySide.Pending<Path, IOException> w : writes) {
      w.join();
    }
    List<Path> files = built.stream().map(b -> repo.archDir().resolve(b.written().indexEntry().fileName())).toList();
    Path keptLog = repo.archDir().resolve(nameVersion + ".log");
    log.info("published " + files.size() + " package(s) to " + repo.archDir());
    Files.copy(log.file(), keptLog, StandardCopyOption.REPLACE_EXISTING);
    return new BuildResult(files, repo.indexFile(), keptLog);
  }

  private static List<dev.pkgbuild.pipeline.Step> allSteps(CompiledRecipe recipe) {
    List<dev.pkgbuild.pipeline.Step> all = new ArrayList<>(recipe.main().pipeline());
    recipe.subpackages().forEach(s -> all.addAll(s.pipeline()));
    return all;
  }

  private static Path sourceDir(BuildRequest req, String name) throws PkgbuildException {
    if (req.sourceDir() != null) {
      if (!Files.isDirectory(req.sourceDir())) {
        throw PkgbuildException.badInput("--source-dir " + req.sourceDir() + " is not a folder");
      }
      return req.sourceDir();
    }
    return BuildInputs.defaultSourceDir(req.recipe(), name);
  }
}
