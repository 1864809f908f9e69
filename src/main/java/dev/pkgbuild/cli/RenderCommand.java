package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.graph.RecipeFiles;
import dev.pkgbuild.io.SideBySide;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.pipeline.Renderer;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.recipe.Recipe;
import dev.pkgbuild.recipe.RecipeInputs;
import dev.pkgbuild.recipe.RecipeLoader;
import java.io.PrintWriter;
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

/** {@code pkgbuild render}: prints recipes fully compiled, one document per recipe and arch. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print recipes with every substitution applied and every pipeline inlined, one document per "
        + "recipe and arch.")
final class RenderCommand implements Callable<Integer> {
  // Recipes rendered side by side before their documents are printed: bounds what is held at once.
  private static final int BATCH = 256;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RECIPE", arity = "1..*", description = "Recipe files or folders of them.")
  List<Path> recipes;

  @Option(names = "--arch", split = ",", defaultValue = "x86_64",
      description = "Target arch: x86_64, aarch64 (or amd64, arm64); repeat or separate with commas for several.")
  List<String> arches;

  @Option(names = "--pipeline-dir", description = "Directory of extra pipelines, searched before the built-ins (repeatable).")
  List<Path> pipelineDirs = new ArrayList<>();

  @Option(names = "--build-option", split = ",",
      description = "Apply the recipe's build option of this name (repeatable, or comma-separated; in order).")
  List<String> buildOptions = new ArrayList<>();

  @Option(names = "--vars-file",
      description = "YAML mapping of var name to value, merged over the recipe's vars (build options still win).")
  Path varsFile;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--brief", description = "Show the inputs of each used pipeline, not its inlined script.")
  boolean brief;

  @Override
  public Integer call() throws PkgbuildException {
    List<Arch> targets = new ArrayList<>();
    for (String a : arches) {
      targets.add(Arch.parse(a));
    }
    RecipeCompiler compiler = new RecipeCompiler(pipelineDirs);
    List<Path> files = RecipeFiles.expand(recipes, new ConsoleReporter(spec.commandLine().getErr(), true));
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < files.size(); i += BATCH) {
      List<Path> batch = files.subList(i, Math.min(files.size(), i + BATCH));
      for (String documents : SideBySide.map(batch, f -> render(compiler, RecipeLoader.load(f), targets))) {
        out.print(documents);
      }
    }
    out.flush();
    return ExitStatus.OK.code();
  }

  /** The recipe's documents for the arches it builds for; for none, the compiler's error says which it does. */
  private String render(RecipeCompiler compiler, Recipe recipe, List<Arch> targets) throws PkgbuildException {
    List<Arch> here = targets.stream().filter(a -> RecipeCompiler.buildsFor(recipe, a)).toList();
    StringBuilder sb = new StringBuilder();
    for (Arch a : here.isEmpty() ? targets.subList(0, 1) : here) {
      CompiledRecipe r = compiler.compile(recipe, a, Map.of(), new RecipeInputs(buildOptions, varsFile));
      sb.append(json ? Renderer.json(r) : Renderer.text(r, !brief));
    }
    return sb.toString();
  }
}
