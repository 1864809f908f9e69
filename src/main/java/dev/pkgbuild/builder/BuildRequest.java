package dev.pkgbuild.builder;

import dev.pkgbuild.recipe.RecipeInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one build needs, resolved by the CLI: no defaults are looked up from the
 * environment inside the build.
 *
 * @param recipe the recipe file
 * @param arch requested architecture name (aliases allowed), or null for the host's
 * @param outDir repository root; packages go to {@code <outDir>/<arch>/}
 * @param signingKey private key file, or null to use (or create) the one in {@code keysDir}
 * @param keysDir where keys live and are generated when none exists
 * @param sourceDir the recipe's source dir copied into the workspace, or null for
 *     {@code <recipe dir>/<name>/} when it exists
 * @param pipelineDirs extra pipeline folders, searched before the built-in catalog
 * @param cacheDir content-addressed source cache
 * @param envFiles files of KEY=VALUE lines merged under the recipe's environment
 * @param namespace distribution name for SBOM purls and the maintainer field, may be null
 * @param runner "auto", "bubblewrap" or "unshare"
 * @param tempRoot where workspaces are created
 * @param keepWorkspace keep the workspace even on success
 * @param interactive open a shell in the sandbox at a failed step
 * @param offline never download; sources must be in the cache
 * @param sourceDateEpoch seconds since the epoch stamped on everything
 * @param environment what the command line adds to the build environment, and its caches
 * @param skipTests do not run the packages' {@code test:} blocks (the log says so)
 * @param inputs the vars file and build options applied to the recipe before it compiles
 */
public record BuildRequest(
    Path recipe,
    String arch,
    Path outDir,
    Path signingKey,
    Path keysDir,
    Path sourceDir,
    List<Path> pipelineDirs,
    Path cacheDir,
    List<Path> envFiles,
    String namespace,
    String runner,
    Path tempRoot,
    boolean keepWorkspace,
    boolean interactive,
    boolean offline,
    long sourceDateEpoch,
    EnvironmentOptions environment,
    boolean skipTests,
    RecipeInputs inputs) {
  public BuildRequest {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(outDir, "outDir");
    pipelineDirs = List.copyOf(pipelineDirs);
    envFiles = List.copyOf(envFiles);
    runner = runner == null ? "auto" : runner;
    environment = environment == null ? EnvironmentOptions.defaults(cacheDir) : environment;
    inputs = inputs == null ? RecipeInputs.NONE : inputs;
  }

  /** A request that builds the recipe as written. */
  public BuildRequest(Path recipe, String arch, Path outDir, Path signingKey, Path keysDir, Path sourceDir,
      List<Path> pipelineDirs, Path cacheDir, List<Path> envFiles, String namespace, String runner, Path tempRoot,
      boolean keepWorkspace, boolean interactive, boolean offline, long sourceDateEpoch,
      EnvironmentOptions environment) {
    this(recipe, arch, outDir, signingKey, keysDir, sourceDir, pipelineDirs, cacheDir, envFiles, namespace, runner,
        tempRoot, keepWorkspace, interactive, offline, sourceDateEpoch, environment, false, null);
  }

  /** A request that adds nothing to recipes' environments and keeps them under {@code cacheDir}. */
  public BuildRequest(Path recipe, String arch, Path outDir, Path signingKey, Path keysDir, Path sourceDir,
      List<Path> pipelineDirs, Path cacheDir, List<Path> envFiles, String namespace, String runner, Path tempRoot,
      boolean keepWorkspace, boolean interactive, boolean offline, long sourceDateEpoch) {
    this(recipe, arch, outDir, signingKey, keysDir, sourceDir, pipelineDirs, cacheDir, envFiles, namespace, runner,
        tempRoot, keepWorkspace, interactive, offline, sourceDateEpoch, null, false, null);
  }

  /** This request with {@code skip} for {@link #skipTests()}. */
  public BuildRequest withSkipTests(boolean skip) {
    return new BuildRequest(recipe, arch, outDir, signingKey, keysDir, sourceDir, pipelineDirs, cacheDir, envFiles,
        namespace, runner, tempRoot, keepWorkspace, interactive, offline, sourceDateEpoch, environment, skip, inputs);
  }
}
