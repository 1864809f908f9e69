package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PkgbuildVersion;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.Installer;
import dev.pkgbuild.env.LockFile;
import dev.pkgbuild.env.Locks;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.env.VerifiedPackage;
import dev.pkgbuild.image.Descriptor;
import dev.pkgbuild.image.DockerArchive;
import dev.pkgbuild.image.ImageConfig;
import dev.pkgbuild.image.InstalledOwners;
import dev.pkgbuild.image.OciImage;
import dev.pkgbuild.image.Owner;
import dev.pkgbuild.image.WrittenImage;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.recipe.ImageSpec;
import dev.pkgbuild.recipe.ImageSpecLoader;
import dev.pkgbuild.recipe.Text;
import dev.pkgbuild.sbom.ImageSbom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code pkgbuild image}: an apko image configuration made into an OCI image layout, one image
 * per architecture: its packages resolved and installed, accounts and paths applied, an SBOM of
 * what is installed inside and beside it, and deterministic layers.
 */
public final class ImageBuilder {
  /** apko's defaults for an image's environment, unless the config sets them. */
  static final Map<String, String> ENV_DEFAULTS = Map.of(
      "PATH", "/usr/local/sbin:/usr/local/bin:/usr/bin:/usr/sbin:/sbin:/bin",
      "SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt");

  /**
   * What was written.
   *
   * @param manifests one manifest per architecture, with its platform
   * @param lock the lock written, or null when one was given
   */
  public record Result(List<Descriptor> manifests, Path lock, List<Path> sboms) {}

  private final Reporter reporter;

  public ImageBuilder(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Makes the image.
   *
   * @throws PkgbuildException for a bad config (with its position), packages that cannot be
   *     resolved (naming the config line that asked for them), or a layout that cannot be written
   */
  public Result build(ImageRequest req) throws PkgbuildException {
    ImageSpec spec = ImageSpecLoader.load(req.config());
    List<String> archs = spec.archs().isEmpty() ? List.of(Hosts.arch(null).apkName()) : spec.archs();
    LockFile lock = req.lockfile() == null ? null : LockFile.read(req.lockfile());
    Environments envs = BuildRoots.environments(req.environment(), req.offline(), reporter);
    String name = req.tag().contains(":") ? req.tag().substring(0, req.tag().lastIndexOf(':')) : req.tag();
    List<Descriptor> manifests = new ArrayList<>();
    List<LockFile> locks = new ArrayList<>();
    List<Path> sboms = new ArrayList<>();
    WrittenImage single = null;
    Path work;
    try {
      work = Files.createTempDirectory(Files.createDirectories(req.tempRoot()), "image-");
      Files.createDirectories(req.output());
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot make the image's folders: " + e.getMessage());
    }
    try {
      for (String arch : archs) {
        EnvironmentRequest er = request(spec, req, arch);
        ResolvedEnvironment env = resolve(envs, er, spec, lock, req);
        List<VerifiedPackage> files = envs.fetch(env);
        Path root = work.resolve("root-" + arch);
        Installer.install(root, Environments.installRequest(env, files, req.epoch()));
        Map<String, Owner> owners = new TreeMap<>(InstalledOwners.read(root));
        String user = ImageAccounts.apply(root, spec, owners);
        ImagePaths.apply(root, spec.paths(), owners);
        byte[] sbom = sbom(root, name, arch, req, env);
        Path sbomFile = req.output().resolve("sbom-" + arch + ".spdx.json");
        AtomicFiles.write(sbomFile, sbom);
        sboms.add(sbomFile);
        List<Set<String>> groups = req.perPackageLayers()
            ? new ArrayList<>(InstalledOwners.packagePaths(root).values()) : List.of();
        ImageConfig config = new ImageConfig(arch, user, env(spec), spec.entrypoint(), spec.cmd(), spec.workDir(),
            spec.annotations(), req.epoch());
        WrittenImage image = OciImage.write(root, owners, groups, config, req.output(),
            archs.size() == 1 ? tagOf(req.tag()) : tagOf(req.tag()) + "-" + arch);
        single = image;
        manifests.add(image.manifest());
        locks.add(Locks.of(req.config().toString(), Files.readAllBytes(req.config()), env, files));
        reporter.info("image " + req.tag() + " for " + arch + ": " + env.resolution().packages().size()
            + " packages, " + image.layers().size() + " layer(s), " + image.manifest().digest());
        FileTrees.deleteQuietly(root);
      }
      if (archs.size() > 1) {
        OciImage.index(req.output(), manifests, Map.of());
      }
      if (req.tarball() != null) {
        if (archs.size() > 1) {
          throw PkgbuildException.badInput("--tarball holds one image: give the config one arch (it has "
              + String.join(", ", archs) + ")");
        }
        DockerArchive.write(req.output(), single, name + ":" + tagOf(req.tag()), req.tarball());
      }
      Path lockOut = null;
      if (lock == null) {
        lockOut = LockFile.beside(req.config());
        AtomicFiles.write(lockOut, merged(locks).toJson().getBytes(StandardCharsets.UTF_8));
      }
      return new Result(manifests, lockOut, sboms);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write the image into " + req.output() + ": " + e.getMessage());
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  private static String tagOf(String tag) {
    return tag.contains(":") ? tag.substring(tag.lastIndexOf(':') + 1) : "latest";
  }

  private static EnvironmentRequest request(ImageSpec spec, ImageRequest req, String arch) throws PkgbuildException {
    List<String> repos = new ArrayList<>(spec.repositories());
    repos.addAll(req.environment().repositories());
    List<String> keys = new ArrayList<>(spec.keyring());
    keys.addAll(req.environment().keyring());
    keys.addAll(localKeys(repos));
    List<String> packages = new ArrayList<>(spec.packages().stream().map(t -> t.value()).toList());
    packages.addAll(req.environment().packages());
    return new EnvironmentRequest(repos, keys, packages, arch, req.environment().allowUntrusted());
  }

  /**
   * The public keys at the top of the local repositories named (where pkgbuild publishes a
   * repository's key): a folder the user names is the user's own, as {@code ./repo} is.
   */
  private static List<String> localKeys(List<String> repos) throws PkgbuildException {
    List<String> keys = new ArrayList<>();
    for (String r : repos) {
      dev.pkgbuild.env.RepositoryLine line = dev.pkgbuild.env.RepositoryLine.parse(r);
      if (line.remote()) {
        continue;
      }
      Path dir = line.folder(Path.of("").toAbsolutePath());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var s = Files.list(dir)) {
        s.filter(f -> f.getFileName().toString().endsWith(".rsa.pub") && Files.isRegularFile(f)).sorted()
            .forEach(f -> keys.add(f.toString()));
      } catch (IOException e) {
        throw PkgbuildException.badInput("cannot read repository " + dir + ": " + e.getMessage());
      }
    }
    return keys;
  }

  /** Resolves, naming the config line whose package cannot be had. */
  private static ResolvedEnvironment resolve(Environments envs, EnvironmentRequest er, ImageSpec spec, LockFile lock,
      ImageRequest req) throws PkgbuildException {
    try {
      return lock == null ? envs.resolve(er) : envs.resolve(er, lock, req.lockfile().toString());
    } catch (PkgbuildException e) {
      for (Text p : spec.packages()) {
        String bare = p.value().split("[=<>~@]", 2)[0];
        if (e.getMessage().contains("nothing provides " + bare) || e.getMessage().contains(" " + bare + " ")) {
          throw new PositionedException(p.pos(), "for " + er.arch() + ": " + e.getMessage());
        }
      }
      throw new PkgbuildException(e.status(), req.config() + ": for " + er.arch() + ": " + e.getMessage(), e);
    }
  }

  private static List<String> env(ImageSpec spec) {
    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    ENV_DEFAULTS.forEach(env::putIfAbsent);
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** The image's SBOM, also put inside it beside the packages' own (where scanners look). */
  private static byte[] sbom(Path root, String name, String arch, ImageRequest req, ResolvedEnvironment env)
      throws IOException {
    List<ImageSbom.Installed> installed = new ArrayList<>();
    for (var p : env.resolution().packages()) {
      Path own = root.resolve("var/lib/db/sbom").resolve(p.entry().name() + "-" + p.entry().version() + ".spdx.json");
      byte[] ownSbom = Files.isRegularFile(own, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(own) < (16 << 20)
          ? Files.readAllBytes(own) : null;
      installed.add(new ImageSbom.Installed(p.entry().name(), p.entry().version(), p.entry().license(), arch,
          p.entry().origin(), ownSbom));
    }
    byte[] doc = ImageSbom.generate(name, arch, req.namespace() == null ? "unknown" : req.namespace(), installed,
        req.epoch(), PkgbuildVersion.get());
    Path inImage = root.resolve("var/lib/db/sbom");
    Files.createDirectories(inImage);
    Files.write(inImage.resolve("image-" + name.replace('/', '_') + "-" + arch + ".spdx.json"), doc);
    return doc;
  }

  /** One lock for all architectures: apko lists the packages one architecture after another. */
  private static LockFile merged(List<LockFile> locks) {
    LockFile first = locks.get(0);
    List<LockFile.Repository> repos = new ArrayList<>();
    List<LockFile.Locked> pkgs = new ArrayList<>();
    for (LockFile l : locks) {
      repos.addAll(l.repositories());
      pkgs.addAll(l.packages());
    }
    return new LockFile(first.configName(), first.configChecksum(), first.keyring(), repos, pkgs);
  }
}
