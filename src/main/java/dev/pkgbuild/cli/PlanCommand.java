package dev.pkgbuild.cli;

import dev.pkgbuild.build.Plan;
import dev.pkgbuild.build.PlanRendering;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkgbuild plan}: what a tree build would do and why, without building. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Show what would be built and why (missing, changed, forced), in build order.")
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RECIPE", arity = "1..*", description = "Recipe files or folders of them.")
  List<Path> recipes;

  @Mixin BuildOptions options;

  @Mixin TreeOptions tree;

  @Option(names = "--json", description = "Print the plan as JSON.")
  boolean json;

  @Option(names = "--graph", paramLabel = "FORMAT", description = "Print the recipe graph instead; FORMAT is dot.")
  String graph;

  @Override
  public Integer call() throws PkgbuildException {
    Plan plan = tree.treeBuilder(options).plan(tree.request(recipes, options.request(recipes.get(0), null, false, false)));
    if (graph != null) {
      if (!graph.equals("dot")) {
        throw PkgbuildException.badInput("--graph takes 'dot', got '" + graph + "'");
      }
      options.out().print(PlanRendering.dot(plan));
    } else {
      options.out().print(json ? PlanRendering.json(plan) : PlanRendering.text(plan));
    }
    options.out().flush();
    return ExitStatus.OK.code();
  }
}
