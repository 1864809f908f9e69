package dev.pkgbuild.builder;

import dev.pkgbuild.check.Finding;
import dev.pkgbuild.check.LintOptions;
import dev.pkgbuild.check.Linters;
import dev.pkgbuild.check.Severity;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.sca.DependencyAnalyzer;
import dev.pkgbuild.sca.FileTree;
import dev.pkgbuild.sca.Generated;
import dev.pkgbuild.sca.PackageTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the packaged files say about themselves, worked out before anything is packaged:
 * linter findings (errors stop the build) and the generated so:/cmd:/pc: dependencies
 * and provides of every package of the build, siblings resolved against each other.
 * Each package's tree is walked once for both.
 */
final class PackageMetadata {
  private final CompiledRecipe recipe;
  private final Path workspace;
  private final BuildLog log;
  private final Map<String, FileTree> trees = new LinkedHashMap<>();

  PackageMetadata(CompiledRecipe recipe, Path workspace, BuildLog log) {
    this.recipe = recipe;
    this.workspace = workspace;
    this.log = log;
    for (CompiledPackage p : recipe.packages()) {
      trees.put(p.name(), FileTree.walk(Workspaces.outDir(workspace, p.name())));
    }
  }

  /** One linter finding, ready to log. */
  record LintLine(boolean error, String text) {}

  /** Runs the linters over every package; reads the trees only, so it may run on any thread. */
  List<LintLine> lint() {
    List<CompiledPackage> all = recipe.packages();
    List<LintLine> lines = new ArrayList<>();
    for (CompiledPackage p : all) {
      List<Path> siblings = all.stream().filter(o -> o != p).map(o -> Workspaces.outDir(workspace, o.name())).toList();
      List<Finding> findings = Linters.run(p.name(), trees.get(p.name()), recipe.arch().apkName(),
          new LintOptions(Set.copyOf(p.disabledChecks()), Set.of(), siblings));
      for (Finding f : findings) {
        String line = p.name() + ": " + f.check() + ": " + (f.path().isEmpty() ? "" : f.path() + ": ") + f.message();
        lines.add(new LintLine(f.severity() == Severity.ERROR, line));
      }
    }
    return lines;
  }

  /** Logs the findings in order; throws when any is an error. */
  void report(List<LintLine> lines) throws PkgbuildException {
    List<String> errors = new ArrayList<>();
    for (LintLine l : lines) {
      if (l.error()) {
        errors.add(l.text());
        log.info("error: " + l.text());
      } else {
        log.warn(l.text());
      }
    }
    if (!errors.isEmpty()) {
      throw PkgbuildException.failed(errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1)
          + " more linter errors)" : "") + "; turn a check off with checks: disabled: [name]");
    }
  }

  /** Declared plus generated dependencies and provides, per package name. */
  Map<String, Generated> dependencies() throws PkgbuildException {
    List<PackageTree> packages = new ArrayList<>();
    for (CompiledPackage p : recipe.packages()) {
      packages.add(new PackageTree(p.name(), p.fullVersion(), Workspaces.outDir(workspace, p.name()),
          p.options().noProvides(), p.options().noDepends(), p.options().noCommands(),
          p.dependencies().runtime(), p.dependencies().provides()));
    }
    Map<String, Generated> out = DependencyAnalyzer.analyze(packages, trees);
    Set<String> seen = new HashSet<>();
    out.forEach((name, g) -> g.warnings().stream().filter(seen::add).forEach(w -> log.warn(name + ": " + w)));
    trees.values().forEach(t -> t.warnings().stream().filter(seen::add).forEach(log::warn));
    return out;
  }
}
