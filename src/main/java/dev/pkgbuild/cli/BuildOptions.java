package dev.pkgbuild.cli;

import dev.pkgbuild.build.BuildRequest;
import dev.pkgbuild.build.Builder;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The flags shared by {@code build} and tree builds, named as melange names them. */
final class BuildOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--arch", description = "Architecture to build for: x86_64 or aarch64 (aliases amd64, arm64). Default: the host's.")
  String arch;

  @Option(names = "--out-dir", defaultValue = "repo", description = "Repository root (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = "--signing-key", description = "Private key (default: the one key in keys/, created when there is none).")
  Path signingKey;

  @Option(names = "--keys-dir", defaultValue = "keys", description = "Where keys live (default: ${DEFAULT-VALUE}).")
  Path keysDir;

  @Option(names = "--pipeline-dir", description = "Extra pipeline folder, searched before the built-in ones (repeatable).")
  List<Path> pipelineDirs;

  @Option(names = "--cache-dir", description = "Source cache (default: ~/.cache/pkgbuild).")
  Path cacheDir;

  @Option(names = "--env-file", description = "KEY=VALUE file merged under the recipe's environment (repeatable).")
  List<Path> envFiles;

  @Option(names = "--namespace", description = "Distribution name for package URLs in SBOMs and the maintainer field.")
  String namespace;

  @Option(names = "--runner", defaultValue = "auto", description = "Sandbox: auto, bubblewrap or unshare (default: ${DEFAULT-VALUE}).")
  String runner;

  @Option(names = "--offline", description = "Never download: every source must already be in the cache.")
  boolean offline;

  @Option(names = "--source-date-epoch", description = "Timestamp for every file (default: $SOURCE_DATE_EPOCH, else the recipe's last git commit, else 0).")
  Long sourceDateEpoch;

  @Option(names = {"-q", "--quiet"}, description = "Do not echo step output (it is still in the log).")
  boolean quiet;

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
    return new BuildRequest(recipe, arch, outDir, signingKey, keysDir, sourceDir,
        orEmpty(pipelineDirs), HostDefaults.cacheDir(cacheDir), orEmpty(envFiles),
        namespace, runner, HostDefaults.tempRoot(), keepWorkspace, interactive, offline,
        HostDefaults.sourceDateEpoch(sourceDateEpoch, recipe));
  }

  static List<Path> orEmpty(List<Path> l) {
    return l == null ? List.of() : l;
  }
}
