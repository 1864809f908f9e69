package dev.pkgbuild.builder;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.InstallRequest;
import dev.pkgbuild.env.Installer;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.env.VerifiedPackage;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.repo.StagedApk;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.source.Fetcher;
import dev.pkgbuild.source.SourceDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each package's {@code test:} block, after the build and before anything is published, in
 * a fresh root made of the test's packages and the package under test at its exact version from
 * the packages just written: while a test environment is resolved, packages of the names this
 * recipe makes come only from those, never from another repository (melange#2194, #1581).
 */
final class PackageTests {
  /**
   * A package whose test passed, and the environment it passed in.
   *
   * @param pkg the package tested
   * @param rootId the resolved set's id
   * @param packages {@code name-version} of each package of the test root, in install order
   */
  record Passed(String pkg, String rootId, List<String> packages) {}

  /**
   * The packages to test.
   *
   * @param recipe the recipe that made them
   * @param packages their files and index records (installed size and provides decide how a name is pinned)
   * @param buildEnvironment the build's environment request: its repositories serve the tests' other packages
   */
  record Subject(CompiledRecipe recipe, List<VerifiedPackage> packages, EnvironmentRequest buildEnvironment) {}

  private final BuildRequest req;
  private final Sandbox sandbox;
  private final SigningKey key;
  private final BuildLog log;
  private final Fetcher fetcher;
  private final Path sourceDir;

  PackageTests(BuildRequest req, Sandbox sandbox, SigningKey key, BuildLog log, Fetcher fetcher, Path sourceDir) {
    this.req = req;
    this.sandbox = sandbox;
    this.key = key;
    this.log = log;
    this.fetcher = fetcher;
    this.sourceDir = sourceDir;
  }

  /** The packages of {@code recipe} with test steps, main package first. */
  static List<CompiledPackage> tested(CompiledRecipe recipe) {
    return recipe.packages().stream().filter(p -> p.test() != null && !p.test().pipeline().isEmpty()).toList();
  }

  /**
   * Tests every package of {@code s} that has test steps.
   *
   * @throws PkgbuildException naming the package, step and position of the first test that fails, or
   *     the test environment that cannot be made
   */
  List<Passed> run(CompiledRecipe recipe, List<Packager.Built> built, EnvironmentRequest buildEnvironment)
      throws PkgbuildException {
    List<VerifiedPackage> packages = built.stream().map(b -> VerifiedPackage.of(b.file(), b.staged().entry())).toList();
    return run(new Subject(recipe, packages, buildEnvironment), work -> publishBuilt(work.resolve("built"), recipe,
        built));
  }

  /** Where the packages under test are, as a signed repository, given the tests' work folder. */
  @FunctionalInterface
  interface Packages {
    Path repository(Path work) throws PkgbuildException;
  }

  /**
   * Tests the packages of {@code s} that have test steps, installing them from {@code packages}.
   *
   * @throws PkgbuildException as {@link #run(CompiledRecipe, List, EnvironmentRequest)}
   */
  List<Passed> run(Subject s, Packages packages) throws PkgbuildException {
    List<CompiledPackage> tested = tested(s.recipe());
    if (tested.isEmpty()) {
      return List.of();
    }
    List<String> names = tested.stream().map(CompiledPackage::name).toList();
    if (req.skipTests()) {
      log.info("tests skipped (--skip-tests): " + String.join(" ", names));
      return List.of();
    }
    boolean hermetic = s.buildEnvironment().hasRepositories() || tested.stream().anyMatch(p ->
        !p.test().environment().repositories().isEmpty());
    Path work;
    try {
      work = Files.createTempDirectory(Files.createDirectories(req.tempRoot()), "tests-");
      // searchable by the sandbox's uid when pkgbuild runs as root; the roots and workspaces below are its own
      Files.setAttribute(work, "unix:mode", 0711);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot make a folder for the tests: " + e.getMessage());
    }
    try {
      List<Passed> out = new ArrayList<>();
      if (hermetic) {
        Path built = packages.repository(work);
        for (CompiledPackage p : tested) {
          out.add(test(p, s, built, work));
        }
      } else {
        for (CompiledPackage p : tested) {
          out.add(testOverHost(p, s, work));
        }
      }
      return out;
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  /** The packages just written, as a signed repository of their own. */
  private Path publishBuilt(Path dir, CompiledRecipe recipe, List<Packager.Built> built) throws PkgbuildException {
    Repository repo = Repository.open(dir, recipe.arch().apkName(), key, dev.pkgbuild.diag.Reporter.silent());
    List<StagedApk> copies = new ArrayList<>();
    for (Packager.Built b : built) {
      copies.add(new StagedApk(b.file(), b.staged().entry(), false, b.staged().readBack()));
    }
    repo.publish(copies);
    return dir;
  }

  private Passed test(CompiledPackage p, Subject s, Path built, Path work) throws PkgbuildException {
    long t0 = System.nanoTime();
    String label = p.name() + " test";
    ResolvedEnvironment env;
    Environments envs = BuildRoots.environments(req, log);
    try {
      env = envs.resolve(request(p, s, built), null, null, onlyFromBuilt(s, built));
    } catch (PkgbuildException e) {
      throw new PkgbuildException(e.status(), "test environment of " + p.name() + ": " + e.getMessage(), e);
    }
    Path root = work.resolve("root-" + p.name());
    setUp(p, root, work, Environments.installRequest(env, envs.fetch(env), 0));
    log.info("==> " + label + ": " + env.resolution().packages().size() + " packages, "
        + p.name() + "-" + p.fullVersion() + " as just built");
    log.detail("test environment of " + p.name() + ": " + String.join(" ", env.packageList()));
    runSteps(p, s, root, false, work);
    log.info("    " + label + " passed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    return new Passed(p.name(), env.id(), env.packageList());
  }

  /**
   * Without repositories: the package under test (and the recipe's other packages its test names)
   * installed over the host toolchain, which stands in for the rest. Not hermetic, and the log says so.
   */
  private Passed testOverHost(CompiledPackage p, Subject s, Path work) throws PkgbuildException {
    long t0 = System.nanoTime();
    String label = p.name() + " test";
    List<VerifiedPackage> install = new ArrayList<>();
    List<String> world = new ArrayList<>();
    List<String> standIns = new ArrayList<>();
    for (String atom : p.test().environment().packages()) {
      VerifiedPackage own = s.packages().stream().filter(v -> v.entry().name().equals(atom)).findFirst().orElse(null);
      if (own != null) {
        install.add(own);
        world.add(atom);
      } else {
        standIns.add(atom);
      }
    }
    Path root = work.resolve("root-" + p.name());
    setUp(p, root, work, new InstallRequest(install, world, List.of(), List.of(), s.recipe().arch().apkName(), 0));
    log.info("==> " + label + ": not hermetic, no repositories: " + String.join(" ", install.stream()
        .map(VerifiedPackage::label).toList()) + " over the host toolchain"
        + (standIns.isEmpty() ? "" : ", which stands in for: " + String.join(" ", standIns)));
    runSteps(p, s, root, true, work);
    log.info("    " + label + " passed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    List<String> installed = install.stream().map(VerifiedPackage::label).toList();
    return new Passed(p.name(), "host", installed);
  }

  private void setUp(CompiledPackage p, Path root, Path work, InstallRequest install) throws PkgbuildException {
    Path ws = work.resolve("ws-" + p.name());
    try {
      Files.createDirectories(ws);
      Installer.install(root, install);
      Files.setAttribute(root, "unix:mode", 0755);
      sandbox.prepareRoot(root);
      if (sourceDir != null) {
        SourceDir.copy(sourceDir, ws);
      }
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot set up the test of " + p.name() + ": " + e.getMessage());
    }
  }

  private void runSteps(CompiledPackage p, Subject s, Path root, boolean overHost, Path work) throws PkgbuildException {
    Path ws = work.resolve("ws-" + p.name());
    Map<String, String> vars = new LinkedHashMap<>(s.recipe().environment().environment());
    vars.putAll(p.test().environment().environment());
    HostSteps host = new HostSteps(fetcher, ws, sourceDir, req.sourceDateEpoch());
    host.prefetch(p.test().pipeline());
    new StepRunner(sandbox, root, overHost, ws, BuildEnvironment.of(req.envFiles(), vars, req.sourceDateEpoch()),
        host, log, false).run(p.name() + " test", p.test().pipeline());
  }

  /** The test's world, the package under test pinned to its version; its repositories after the built ones. */
  private EnvironmentRequest request(CompiledPackage p, Subject s, Path built) throws PkgbuildException {
    List<String> world = new ArrayList<>();
    for (String atom : p.test().environment().packages()) {
      world.add(atom.equals(p.name()) ? pin(p, s) : atom);
    }
    List<String> repos = new ArrayList<>();
    repos.add(built.toString());
    repos.addAll(p.test().environment().repositories());
    repos.addAll(s.buildEnvironment().repositories());
    List<String> keys = new ArrayList<>();
    keys.add(BuildRoots.publicKeyFile(req.environment().apkCacheDir(), key).toString());
    keys.addAll(p.test().environment().keyring());
    keys.addAll(s.buildEnvironment().keyring());
    return new EnvironmentRequest(repos, keys, world, s.recipe().arch().apkName(),
        s.buildEnvironment().allowUntrusted());
  }

  /**
   * {@code name=version-rN}; only an empty package whose name another package of this build
   * provides stays a bare name, so the provider is installed (Wolfi's py3-* meta packages).
   */
  private static String pin(CompiledPackage p, Subject s) {
    for (IndexEntry e : s.packages().stream().map(VerifiedPackage::entry).toList()) {
      if (e.name().equals(p.name()) && e.installedSize() == 0) {
        for (IndexEntry other : s.packages().stream().map(VerifiedPackage::entry).toList()) {
          if (other != e && other.provides().stream().anyMatch(v -> v.equals(p.name()))) {
            return p.name();
          }
        }
      }
    }
    return p.name() + "=" + p.fullVersion();
  }

  /** Names this recipe makes come only from the built repository. */
  private static Environments.EntryFilter onlyFromBuilt(Subject s, Path built) {
    Set<String> names = new HashSet<>();
    s.recipe().packages().forEach(p -> names.add(p.name()));
    String where = built.toString();
    return (line, e) -> !names.contains(e.name()) || (!line.remote() && line.location().equals(where));
  }
}
