package dev.pkgbuild.build;

import dev.pkgbuild.check.Finding;
import dev.pkgbuild.check.LintOptions;
import dev.pkgbuild.check.Linters;
import dev.pkgbuild.check.Severity;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.sca.DependencyAnalyzer;
import dev.pkgbuild.sca.Generated;
import dev.pkgbuild.sca.PackageTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the packaged files say about themselves, worked out before anything is packaged:
 * linter findings (errors stop the build) and the generated so:/cmd:/pc: dependencies
 * and provides of every package of the build, siblings resolved against each other.
 */
final class PackageMetadata {
  private PackageMetadata() {}

  /** Runs the linters over every package; throws when any finding is an error. */
  static void lint(CompiledRecipe recipe, Path workspace, BuildLog log) throws PkgbuildException {
    List<CompiledPackage> all = TreePlanner.packages(recipe);
    List<String> errors = new ArrayList<>();
    for (CompiledPackage p : all) {
      List<Path> siblings = all.stream().filter(o -> o != p).map(o -> Workspaces.outDir(workspace, o.name())).toList();
      List<Finding> findings;
      try {
        findings = Linters.run(p.name(), Workspaces.outDir(workspace, p.name()), recipe.arch().apkName(),
            new LintOptions(Set.copyOf(p.disabledChecks()), Set.of(), siblings));
      } catch (IOException e) {
        throw PkgbuildException.failed(p.name() + ": cannot lint the packaged files: " + e.getMessage());
      }
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
          + " more linter errors; turn a check off with checks: disabled: [name])" : ""));
    }
  }

  /** Declared plus generated dependencies and provides, per package name. */
  static Map<String, Generated> dependencies(CompiledRecipe recipe, Path workspace, BuildLog log) {
    List<PackageTree> trees = new ArrayList<>();
    for (CompiledPackage p : TreePlanner.packages(recipe)) {
      trees.add(new PackageTree(p.name(), p.fullVersion(), Workspaces.outDir(workspace, p.name()),
          p.options().noProvides(), p.options().noDepends(), p.options().noCommands(),
          p.dependencies().runtime(), p.dependencies().provides()));
    }
    Map<String, Generated> out = DependencyAnalyzer.analyze(trees);
    Set<String> seen = new HashSet<>();
    out.forEach((name, g) -> g.warnings().stream().filter(seen::add).forEach(w -> log.warn(name + ": " + w)));
    return out;
  }
}
