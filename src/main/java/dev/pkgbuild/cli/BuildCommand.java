package dev.pkgbuild.cli;

import dev.pkgbuild.build.BuildRequest;
import dev.pkgbuild.build.BuildResult;
import dev.pkgbuild.build.TreeRequest;
import dev.pkgbuild.build.TreeResult;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkgbuild build RECIPE|DIR...}: one recipe, or a whole tree like make. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Build recipes in a hermetic sandbox and publish their packages, signed, to the repository.",
        "One recipe file builds it; a folder or several files build what the repository lacks, in dependency order."})
final class BuildCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RECIPE", arity = "1..*", description = "Recipe files (melange YAML) or folders of them.")
  List<Path> recipes;

  @Mixin BuildOptions options;

  @Mixin TreeOptions tree;

  @Option(names = "--source-dir", description = "Folder copied into the workspace (default: <recipe dir>/<name>/).")
  Path sourceDir;

  @Option(names = "--keep-workspace", description = "Keep the workspace even when the build succeeds.")
  boolean keepWorkspace;

  @Option(names = "--interactive", description = "On failure, open a shell in the sandbox at the failed step.")
  boolean interactive;

  @Override
  public Integer call() throws PkgbuildException {
    if (recipes.size() == 1 && Files.isRegularFile(recipes.get(0)) && !tree.forcesTree()) {
      BuildRequest request = options.request(recipes.get(0), sourceDir, keepWorkspace, interactive);
      BuildResult result = options.builder().build(request);
      result.packages().forEach(options.out()::println);
      options.out().flush();
      return ExitStatus.OK.code();
    }
    TreeRequest request = tree.request(recipes, options.request(recipes.get(0), null, keepWorkspace, false));
    TreeResult result = tree.treeBuilder(options).build(request, new StatusLine(options.spec, tree.jobs()));
    new Summary(options.out()).print(result);
    return result.ok() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
  }
}
