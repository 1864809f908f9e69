package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.pipeline.Renderer;
import dev.pkgbuild.recipe.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild render}: prints a recipe fully compiled for one arch. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print a recipe with every substitution applied and every pipeline inlined.")
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RECIPE", description = "The recipe file.")
  Path recipe;

  @Option(names = "--arch", defaultValue = "x86_64", description = "Target arch: x86_64, aarch64 (or amd64, arm64).")
  String arch;

  @Option(names = "--pipeline-dir", description = "Directory of extra pipelines, searched before the built-ins (repeatable).")
  List<Path> pipelineDirs = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--brief", description = "Show the inputs of each used pipeline, not its inlined script.")
  boolean brief;

  @Override
  public Integer call() throws PkgbuildException {
    CompiledRecipe r = new RecipeCompiler(pipelineDirs).compile(recipe, Arch.parse(arch), Map.of());
    spec.commandLine().getOut().print(json ? Renderer.json(r) : Renderer.text(r, !brief));
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
