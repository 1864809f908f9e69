package dev.pkgbuild.cli;

import dev.pkgbuild.build.BuildRequest;
import dev.pkgbuild.build.BuildResult;
import dev.pkgbuild.build.Builder;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkgbuild build RECIPE}: one recipe into signed packages in the repository. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Build a recipe in a hermetic sandbox and publish its packages, signed, to the repository.")
final class BuildCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RECIPE", description = "The recipe file (melange YAML).")
  Path recipe;

  @Mixin BuildOptions options;

  @Option(names = "--source-dir", description = "Folder copied into the workspace (default: <recipe dir>/<name>/).")
  Path sourceDir;

  @Option(names = "--keep-workspace", description = "Keep the workspace even when the build succeeds.")
  boolean keepWorkspace;

  @Option(names = "--interactive", description = "On failure, open a shell in the sandbox at the failed step.")
  boolean interactive;

  @Override
  public Integer call() throws PkgbuildException {
    BuildRequest request = options.request(recipe, sourceDir, keepWorkspace, interactive);
    BuildResult result = new Builder(options.reporter()).build(request);
    for (Path p : result.packages()) {
      options.out().println(p);
    }
    options.out().flush();
    return ExitStatus.OK.code();
  }

  static List<Path> orEmpty(List<Path> l) {
    return l == null ? List.of() : new ArrayList<>(l);
  }
}
