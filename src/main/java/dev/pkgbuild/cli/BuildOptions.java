package dev.pkgbuild.cli;

import dev.pkgbuild.builder.BuildRequest;
import dev.pkgbuild.builder.Builder;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.recipe.RecipeInputs;
import dev.pkgbuild.repo.S3Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** The flags shared by {@code build} and tree builds, named as melange names them. */
final class BuildOptions {
  final CommandSpec spec;
  final String arch;
  /** {@code --out-dir} as given: a folder or {@code s3://BUCKET/PREFIX}. */
  final String out;
  private Path outDir;
  final Path signingKey;
  final Path keysDir;
  final List<Path> pipelineDirs;
  final Path cacheDir;
  final List<Path> envFiles;
  final String namespace;
  final String runner;
  final boolean offline;
  final String sourceDateEpoch;
  final boolean quiet;
  final EnvironmentFlags environment;
  final boolean skipTests;
  final RecipeInputs inputs;

  /** Declares the flags on {@code spec}. */
  static void declare(CommandSpec spec) {
    Flags.value(spec, String.class, "<arch>", null,
        "Architecture to build for: x86_64 or aarch64 (aliases amd64, arm64). Default: the host's.", "--arch");
    Flags.value(spec, String.class, "<outDir>", "repo", "Repository root: a folder, or s3://BUCKET/PREFIX to "
        + "publish into object storage after the build (default: ${DEFAULT-VALUE}).", "--out-dir");
    Flags.value(spec, Path.class, "<signingKey>", null,
        "Private key (default: the one key in keys/, created when there is none).", "--signing-key");
    Flags.value(spec, Path.class, "<keysDir>", "keys", "Where keys live (default: ${DEFAULT-VALUE}).", "--keys-dir");
    spec.addOption(Flags.repeatable(Path.class, "<pipelineDirs>",
        "Extra pipeline folder, searched before the built-in ones (repeatable).", "--pipeline-dir").build());
    Flags.value(spec, Path.class, "<cacheDir>", null, "Source cache (default: ~/.cache/pkgbuild).", "--cache-dir");
    spec.addOption(Flags.repeatable(Path.class, "<envFiles>",
        "KEY=VALUE file merged under the recipe's environment (repeatable).", "--env-file").build());
    spec.addOption(Flags.repeatable(String.class, "<buildOptions>",
        "Apply the recipe's build option of this name (repeatable, or comma-separated; in order).", "--build-option")
        .splitRegex(",").build());
    Flags.value(spec, Path.class, "<varsFile>", null, "YAML mapping of var name to value, merged over the recipe's "
        + "vars (build options still win).", "--vars-file");
    Flags.value(spec, String.class, "<namespace>", null,
        "Distribution name for package URLs in SBOMs and the maintainer field.", "--namespace");
    Flags.value(spec, String.class, "<runner>", "auto",
        "Sandbox: auto, bubblewrap or unshare (default: ${DEFAULT-VALUE}).", "--runner");
    Flags.flag(spec, "Never download: every source must already be in the cache.", "--offline");
    Flags.value(spec, String.class, "<sourceDateEpoch>", null,
        "Timestamp for every file (default: $SOURCE_DATE_EPOCH, else the recipe's last git commit, else 0).",
        "--source-date-epoch");
    Flags.flag(spec, "Do not echo step output (it is still in the log).", "-q", "--quiet");
    Flags.flag(spec, "Do not run the packages' test: blocks.", "--skip-tests");
    EnvironmentFlags.declare(spec);
  }

  /** The flags as parsed for {@code spec}. */
  BuildOptions(CommandSpec spec) {
    this.spec = spec;
    this.arch = Flags.get(spec, "--arch");
    this.out = Flags.get(spec, "--out-dir");
    this.outDir = S3Location.isS3(out) ? null : Path.of(out);
    this.signingKey = Flags.get(spec, "--signing-key");
    this.keysDir = Flags.get(spec, "--keys-dir");
    this.pipelineDirs = Flags.get(spec, "--pipeline-dir");
    this.cacheDir = Flags.get(spec, "--cache-dir");
    this.envFiles = Flags.get(spec, "--env-file");
    this.namespace = Flags.get(spec, "--namespace");
    this.runner = Flags.get(spec, "--runner");
    this.offline = Flags.on(spec, "--offline");
    this.sourceDateEpoch = Flags.get(spec, "--source-date-epoch");
    this.quiet = Flags.on(spec, "--quiet");
    this.environment = new EnvironmentFlags(spec);
    this.skipTests = Flags.on(spec, "--skip-tests");
    this.inputs = new RecipeInputs(Flags.get(spec, "--build-option"), Flags.get(spec, "--vars-file"));
  }

  /** The object-storage repository of {@code --out-dir}, if it names one. */
  Optional<S3Location> s3Out() throws PkgbuildException {
    return S3Location.isS3(out) ? Optional.of(S3Location.parse(out)) : Optional.empty();
  }

  /**
   * With {@code --out-dir s3://...}: the store, and the local stage builds publish into; else
   * null (a try-with-resources takes either).
   */
  S3Output openS3Out() throws PkgbuildException {
    Optional<S3Location> s3 = s3Out();
    if (s3.isEmpty()) {
      return null;
    }
    S3Output o = S3Output.open(s3.get(), environment.s3, signingKey, keysDir, reporter());
    outDir = o.stage();
    return o;
  }

  /** The local repository folder builds publish into. */
  Path outDir() throws PkgbuildException {
    if (outDir == null) {
      throw PkgbuildException.badInput("--out-dir " + out + ": this command needs a repository folder");
    }
    return outDir;
  }

  /** Refuses {@code --build-option} and {@code --vars-file} where they cannot apply, naming {@code where}. */
  void refuseInputs(String where) throws PkgbuildException {
    if (!inputs.isEmpty()) {
      throw PkgbuildException.badInput("--build-option and --vars-file apply to one recipe's build, not to " + where);
    }
  }

  Reporter reporter() {
    return new ConsoleReporter(spec.commandLine().getErr(), !quiet);
  }

  Builder builder() {
    return new Builder(reporter(), HostDefaults::sandbox, Clock.systemUTC());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  BuildRequest request(Path recipe, Path sourceDir, boolean keepWorkspace, boolean interactive)
      throws PkgbuildException {
    Path cache = HostDefaults.cacheDir(cacheDir);
    return new BuildRequest(recipe, arch, outDir(), signingKey, keysDir, sourceDir,
        orEmpty(pipelineDirs), cache, orEmpty(envFiles),
        namespace, runner, HostDefaults.tempRoot(), keepWorkspace, interactive, offline,
        HostDefaults.sourceDateEpoch(sourceDateEpoch, recipe).seconds(), environment.options(cacheDir, cache),
        skipTests, inputs);
  }

  static List<Path> orEmpty(List<Path> l) {
    return l == null ? List.of() : l;
  }
}
