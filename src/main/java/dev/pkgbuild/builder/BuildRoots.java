package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.ClientSettings;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.LockFile;
import dev.pkgbuild.env.RepositoryClient;
import dev.pkgbuild.env.RepositoryIndex;
import dev.pkgbuild.env.RepositoryLine;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.env.RootCache;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sign.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The root a build's steps run in: the recipe's environment plus what the command line
 * appends, resolved against its repositories and installed once per resolved set. With no
 * repositories anywhere there is no root, and the host toolchain stands in.
 */
public final class BuildRoots {
  /**
   * An installed build root.
   *
   * @param path the root folder, mounted read-only under a throw-away layer
   * @param environment what it holds and where it came from
   * @param cached whether an earlier build had installed it already
   */
  record BuildRoot(Path path, ResolvedEnvironment environment, boolean cached) {}

  private BuildRoots() {}

  /**
   * What building {@code req.recipe()} would ask its environment for (for {@code resolve} and
   * {@code lock}): as {@link #request(BuildRequest, CompiledRecipe, SigningKey)}, the output
   * repository included only when its key already exists.
   *
   * @throws PkgbuildException when the recipe does not load
   */
  public static EnvironmentRequest forRecipe(BuildRequest req) throws PkgbuildException {
    CompiledRecipe recipe = new RecipeCompiler(req.pipelineDirs()).compile(req.recipe(), Hosts.arch(req.arch()),
        java.util.Map.of(), req.inputs());
    return request(req, recipe, KeyResolver.existing(req.signingKey(), req.keysDir()));
  }

  /** The repository client's steps, set up as {@code req} says (cache, offline, credentials). */
  public static Environments environments(BuildRequest req, Reporter reporter) {
    return environments(req.environment(), req.offline(), reporter);
  }

  /** The repository client's steps with {@code options}' cache and credentials. */
  static Environments environments(EnvironmentOptions options, boolean offline, Reporter reporter) {
    return new Environments(new RepositoryClient(settings(options, offline), reporter));
  }

  /**
   * The indexes of the remote repositories the command line appends (for a plan: what they hold
   * need not be built first), each checked against the appended keyring.
   */
  static List<RepositoryIndex> remoteIndexes(BuildRequest req, String arch, Reporter reporter)
      throws PkgbuildException {
    EnvironmentOptions o = req.environment();
    List<RepositoryIndex> out = new ArrayList<>();
    RepositoryClient client = null;
    TrustedKeys keys = null;
    for (String r : o.repositories()) {
      RepositoryLine line = RepositoryLine.parse(r);
      if (!line.remote()) {
        continue;
      }
      if (client == null) {
        client = new RepositoryClient(settings(o, req.offline()), reporter);
        keys = client.keyring(o.keyring());
      }
      out.add(client.index(line, arch, keys, o.allowUntrusted()));
    }
    return out;
  }

  private static ClientSettings settings(EnvironmentOptions o, boolean offline) {
    return ClientSettings.of(o.apkCacheDir(), Path.of("").toAbsolutePath()).offline(offline).auth(o.auth())
        .objects(o.objects());
  }

  /** What the build's environment asks for: the recipe's, then the command line's, then the output repository. */
  static EnvironmentRequest request(BuildRequest req, CompiledRecipe recipe, SigningKey key) throws PkgbuildException {
    EnvironmentOptions o = req.environment();
    List<String> repositories = new ArrayList<>(recipe.environment().repositories());
    repositories.addAll(o.repositories());
    List<String> keyring = new ArrayList<>(recipe.environment().keyring());
    keyring.addAll(o.keyring());
    List<String> packages = new ArrayList<>(recipe.environment().packages());
    packages.addAll(o.packages());
    String arch = recipe.arch().apkName();
    if (!repositories.isEmpty() && key != null) {
      // What this key signed is trusted wherever it is read from: the output repository, or
      // the object-storage repository a cluster's tasks publish to and read back (-r s3://...).
      keyring.add(publicKeyFile(o.apkCacheDir(), key).toString());
      // As melange's -r ./packages: what earlier builds of the tree published is installable.
      Path out = req.outDir().toAbsolutePath().normalize();
      if (Files.isRegularFile(out.resolve(arch).resolve("APKINDEX.tar.gz"))) {
        repositories.add(out.toString());
      }
    }
    return new EnvironmentRequest(repositories, keyring, packages, arch, o.allowUntrusted());
  }

  /**
   * Resolves and installs (or finds cached) the root of {@code request}.
   *
   * @throws PkgbuildException naming the repository, key or constraint that fails, or the package that
   *     cannot be fetched or installed
   */
  static BuildRoot prepare(EnvironmentRequest request, BuildRequest req, Sandbox sandbox, Reporter log)
      throws PkgbuildException {
    Environments envs = environments(req, log);
    ResolvedEnvironment env = resolve(envs, request, req.recipe(), log);
    RootCache.CachedRoot root = new RootCache(req.environment().rootsDir()).root(env, envs, sandbox::prepareRoot);
    return new BuildRoot(root.path(), env, root.hit());
  }

  /**
   * Resolves the environment of {@code recipe}: held to {@code RECIPE.lock.json} when there is one
   * beside it (the log says so), else afresh.
   *
   * @throws PkgbuildException as {@link Environments#resolve(EnvironmentRequest, LockFile, String)}
   */
  public static ResolvedEnvironment resolve(Environments envs, EnvironmentRequest request, Path recipe, Reporter log)
      throws PkgbuildException {
    Path lockFile = LockFile.beside(recipe);
    if (!Files.isRegularFile(lockFile)) {
      return envs.resolve(request);
    }
    log.info("environment held to " + lockFile.getFileName());
    return envs.resolve(request, LockFile.read(lockFile), lockFile.toString());
  }

  /** The signing key's public half, where the keyring can name it (the key itself never enters a root). */
  static Path publicKeyFile(Path apkCacheDir, SigningKey key) throws PkgbuildException {
    Path file = apkCacheDir.resolve("output-keys").resolve(key.keyName());
    byte[] pem = key.publicKeyPem().getBytes(StandardCharsets.UTF_8);
    try {
      if (!Files.isRegularFile(file) || !java.util.Arrays.equals(Files.readAllBytes(file), pem)) {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, pem);
      }
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot write the output repository's key to " + file + ": "
          + e.getMessage());
    }
    return file;
  }
}
