package dev.pkgbuild.cli;

import dev.pkgbuild.builder.BuildRequest;
import dev.pkgbuild.builder.BuildResult;
import dev.pkgbuild.builder.TreeRequest;
import dev.pkgbuild.builder.TreeResult;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild build RECIPE|DIR...}: one recipe, or a whole tree like make. */
final class BuildCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "build",
        "Build recipes in a hermetic sandbox and publish their packages, signed, to the repository.",
        "One recipe file builds it; a folder or several files build what the repository lacks, in dependency order.");
    Flags.paths(spec, "RECIPE", "Recipe files (melange YAML) or folders of them.");
    BuildOptions.declare(spec);
    TreeOptions.declare(spec);
    Flags.value(spec, Path.class, "<sourceDir>", null,
        "Folder copied into the workspace (default: <recipe dir>/<name>/).", "--source-dir");
    Flags.flag(spec, "Keep the workspace even when the build succeeds.", "--keep-workspace");
    Flags.flag(spec, "On failure, open a shell in the sandbox at the failed step.", "--interactive");
    Flags.flag(spec, "With --out-dir s3://...: upload the packages under incoming/ and write no index; one "
        + "'pkgbuild publish --incoming s3://...' signs them into it (for stores without conditional writes).",
        "--incoming");
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    List<Path> recipes = Flags.paths(spec);
    BuildOptions options = new BuildOptions(spec);
    TreeOptions tree = new TreeOptions(spec);
    Path sourceDir = Flags.get(spec, "--source-dir");
    boolean keepWorkspace = Flags.on(spec, "--keep-workspace");
    boolean interactive = Flags.on(spec, "--interactive");
    boolean incoming = Flags.on(spec, "--incoming");
    if (incoming && options.s3Out().isEmpty()) {
      throw PkgbuildException.badInput("--incoming needs --out-dir s3://BUCKET/PREFIX");
    }
    try (S3Output s3 = options.openS3Out()) {
      if (recipes.size() == 1 && Files.isRegularFile(recipes.get(0)) && !tree.forcesTree()) {
        BuildRequest request = options.request(recipes.get(0), sourceDir, keepWorkspace, interactive);
        BuildResult result = options.builder().build(request);
        if (s3 == null) {
          result.packages().forEach(options.out()::println);
        } else {
          (incoming ? s3.offer() : s3.publish()).forEach(options.out()::println);
        }
        options.out().flush();
        return ExitStatus.OK.code();
      }
      options.refuseInputs("a tree");
      TreeRequest request = tree.request(recipes, options.request(recipes.get(0), null, keepWorkspace, false), s3);
      TreeResult result = tree.treeBuilder(options).build(request, new StatusLine(options.spec, tree.jobs()));
      new Summary(options.out()).print(result);
      if (s3 != null) {
        // What did build is published even when others failed, as a folder repository keeps it.
        (incoming ? s3.offer() : s3.publish()).forEach(options.out()::println);
      }
      options.out().flush();
      return result.ok() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
  }
}
