package dev.pkgbuild.cli;

import dev.pkgbuild.build.BuildRequest;
import dev.pkgbuild.build.TreeBuilder;
import dev.pkgbuild.build.TreeRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Flags for tree builds and plans. */
final class TreeOptions {
  @Option(names = {"-j", "--jobs"}, description = "Builds at once (default: the number of cores).")
  Integer jobs;

  @Option(names = "--fail-fast", description = "Start no more builds after the first failure.")
  boolean failFast;

  @Option(names = "--rebuild-changed", description = "Rebuild recipes that changed since their version was built, instead of failing.")
  boolean rebuildChanged;

  @Option(names = "--force", split = ",", paramLabel = "NAME", description = "Build these recipes even when present.")
  List<String> force;

  boolean forcesTree() {
    return force != null && !force.isEmpty();
  }

  int jobs() {
    return jobs == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, jobs);
  }

  TreeRequest request(List<Path> recipes, BuildRequest template) {
    return new TreeRequest(recipes, template, jobs(), failFast, rebuildChanged,
        force == null ? Set.of() : Set.copyOf(force));
  }

  TreeBuilder treeBuilder(BuildOptions options) {
    return new TreeBuilder(options.reporter(), HostDefaults::sandbox, Clock.systemUTC());
  }
}
