package dev.pkgbuild.cli;

import dev.pkgbuild.builder.BuildRequest;
import dev.pkgbuild.builder.Hosts;
import dev.pkgbuild.builder.TreeBuilder;
import dev.pkgbuild.builder.TreeRequest;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/** Flags for tree builds and plans. */
final class TreeOptions {
  final Integer jobs;
  final boolean failFast;
  final boolean rebuildChanged;
  final List<String> force;
  private final EnvironmentFlags environment;

  /** Declares the flags on {@code spec}. */
  static void declare(CommandSpec spec) {
    Flags.value(spec, Integer.class, "<jobs>", null, "Builds at once (default: the number of cores).", "-j", "--jobs");
    Flags.flag(spec, "Start no more builds after the first failure.", "--fail-fast");
    Flags.flag(spec, "Rebuild recipes that changed since their version was built, instead of failing.",
        "--rebuild-changed");
    spec.addOption(Flags.repeatable(String.class, "NAME", "Build these recipes even when present.", "--force")
        .splitRegex(",").build());
  }

  /** The flags as parsed for {@code spec}. */
  TreeOptions(CommandSpec spec) {
    this.jobs = Flags.get(spec, "--jobs");
    this.failFast = Flags.on(spec, "--fail-fast");
    this.rebuildChanged = Flags.on(spec, "--rebuild-changed");
    this.force = Flags.get(spec, "--force");
    // -r is BuildOptions' (it feeds environments too); the plan reads the local ones
    this.environment = new EnvironmentFlags(spec);
  }

  boolean forcesTree() {
    return force != null && !force.isEmpty();
  }

  int jobs() {
    return jobs == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, jobs);
  }

  /** The tree request; with {@code s3} (null for a folder), what the store's index lists is present. */
  TreeRequest request(List<Path> recipes, BuildRequest template, S3Output s3) throws PkgbuildException {
    TreeRequest r = new TreeRequest(recipes, template, jobs(), failFast, rebuildChanged,
        force == null ? Set.of() : Set.copyOf(force), environment.localRepositories());
    return s3 == null ? r : r.withPublished(s3.published(Hosts.arch(template.arch()).apkName()));
  }

  TreeBuilder treeBuilder(BuildOptions options) {
    return new TreeBuilder(options.reporter(), HostDefaults::sandbox, Clock.systemUTC());
  }
}
