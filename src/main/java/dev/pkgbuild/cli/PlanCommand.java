package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.graph.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild plan}: what a tree build would do and why, without building. */
final class PlanCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "plan",
        "Show what would be built and why (missing, changed, forced), in build order.");
    Flags.paths(spec, "RECIPE", "Recipe files or folders of them.");
    BuildOptions.declare(spec);
    TreeOptions.declare(spec);
    Flags.flag(spec, "Print the plan as JSON.", "--json");
    Flags.value(spec, String.class, "FORMAT", null, "Print the recipe graph instead; FORMAT is dot.", "--graph");
    ClusterOptions.declare(spec);
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    List<Path> recipes = Flags.paths(spec);
    BuildOptions options = new BuildOptions(spec);
    TreeOptions tree = new TreeOptions(spec);
    options.refuseInputs("a plan");
    boolean json = Flags.on(spec, "--json");
    String graph = Flags.get(spec, "--graph");
    ClusterOptions cluster = ClusterOptions.of(spec, options);
    Plan plan;
    try (S3Output s3 = options.openS3Out()) {
      plan = tree.treeBuilder(options).plan(tree.request(recipes, options.request(recipes.get(0), null, false, false),
          s3));
    }
    if (cluster != null) {
      List<ClusterTasks.Task> tasks = ClusterTasks.of(plan);
      options.out().print(cluster.emit().equals("argo") ? ArgoRendering.workflow(cluster, tasks)
          : JobsRendering.jobs(cluster, tasks));
    } else if (graph != null) {
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
