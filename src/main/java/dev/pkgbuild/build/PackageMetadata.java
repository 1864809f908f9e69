package dev.pkgbuild.build;

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
    for (CompiledPackage p : TreePlanner.packages(recipe)) {
      trees.put(p.name(), FileTree.walk(Workspaces.outDir(workspace, p.name())));
    }
  }

  /** Runs the linters over every package; throws when any finding is an error. */
  void lint() throws PkgbuildException {
    List<CompiledPackage> all = TreePlanner.packages(recipe);
    List<String> errors = new ArrayList<>();
    for (CompiledPackage p : all) {
      List<Path> siblings = all.stream().filter(o -> o != p).map(o -> Workspaces.outDir(workspace, o.name())).toList();
      List<Finding> findings = Linters.run(p.name(), trees.get(p.name()), recipe.arch().apkName(),
          new LintOptions(Set.copyOf(p.disabledChecks()), Set.of(), siblings));
      for (Finding f : findings) {
        String line = p.name() + ": " + f.check() + ": " + (f.path().isEmpty() ? "" : f.path() + ": ") + f.message();
        if (f.severity() == Severity.ERROR) {
          errors.add(line);
          log.info("error: " + line);
        } else {
          log.warn(line);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw PkgbuildException.failed(errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1)
          + " more linter errors)" : "") + "; turn a check off with checks: disabled: [name]");
    }
  }

  /** Declared plus generated dependencies and provides, per package name. */
  Map<String, Generated> dependencies() {
    List<PackageTree> packages = new ArrayList<>();
    for (CompiledPackage p : TreePlanner.packages(recipe)) {
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
