package dev.pkgbuild.graph;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.graph.Need;
import dev.pkgbuild.graph.Node;
import dev.pkgbuild.graph.RecipeGraph;
import dev.pkgbuild.pipeline.CompiledPackage;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.pipeline.Renderer;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.recipe.Recipe;
import dev.pkgbuild.recipe.RecipeLoader;
import dev.pkgbuild.repo.InputsRecord;
import dev.pkgbuild.repo.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a tree build does: loads every recipe, links them into a graph, and
 * compares each with the repository: missing, changed since it was built (same version,
 * different inputs), forced, or present.
 */
public final class TreePlanner {
  private final RecipeCompiler compiler;
  private final Arch arch;
  private final Reporter reporter;

  public TreePlanner(List<Path> pipelineDirs, Arch arch, Reporter reporter) {
    this.compiler = new RecipeCompiler(pipelineDirs);
    this.arch = arch;
    this.reporter = reporter;
  }

  /**
   * Plans the build of {@code recipes} (files, or folders of {@code *.yaml}) into {@code repo}
   * (opened without a key for a plan that only reads it).
   *
   * @throws PkgbuildException for a bad recipe, a cycle, two recipes making one package,
   *     an index that does not verify, or a changed recipe without {@code rebuildChanged}
   */
  public Plan plan(List<Path> recipes, Repository repo, boolean rebuildChanged, Set<String> forced)
      throws PkgbuildException {
    List<CompiledRecipe> compiled = compileAll(RecipeFiles.expand(recipes));
    RecipeGraph graph = RecipeGraph.of(compiled.stream().map(TreePlanner::node).toList());
    Map<String, CompiledRecipe> byName = new HashMap<>();
    compiled.forEach(c -> byName.put(c.main().name(), c));
    Map<String, IndexEntry> present = repo.listed();
    List<PlannedRecipe> ordered = new ArrayList<>();
    Map<String, PlannedRecipe> byId = new HashMap<>();
    List<String> changed = new ArrayList<>();
    for (String id : graph.topologicalOrder()) {
      PlannedRecipe p = decide(byName.get(id), repo.archDir(), present, forced.contains(id));
      if (p.reason() == PlanReason.CHANGED && !rebuildChanged) {
        changed.add(p.detail());
      }
      ordered.add(p);
      byId.put(id, p);
    }
    if (!changed.isEmpty()) {
      throw PkgbuildException.badInput(String.join("; ", changed) + " (or pass --rebuild-changed)");
    }
    return new Plan(graph, ordered, byId);
  }

  private List<CompiledRecipe> compileAll(List<Path> files) throws PkgbuildException {
    List<CompiledRecipe> out = new ArrayList<>();
    for (Path f : files) {
      Recipe r = RecipeLoader.load(f);
      if (!buildsFor(r)) {
        reporter.info(f + ": skipped, builds only for " + String.join(", ", r.pkg().targetArchitecture()));
        continue;
      }
      out.add(compiler.compile(r, arch, Map.of()));
    }
    return out;
  }

  private boolean buildsFor(Recipe r) {
    List<String> targets = r.pkg().targetArchitecture();
    return targets.isEmpty() || targets.contains("all") || targets.stream().anyMatch(t -> Arch.find(t) == arch);
  }

  private PlannedRecipe decide(CompiledRecipe r, Path archDir, Map<String, IndexEntry> present, boolean force)
      throws PkgbuildException {
    String inputs;
    try {
      inputs = BuildInputs.hash(Renderer.text(r), arch.apkName(), BuildInputs.defaultSourceDir(r.file(), r.main().name()));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot hash the inputs of " + r.file() + ": " + e.getMessage());
    }
    String nv = r.main().name() + "-" + r.main().fullVersion();
    if (force) {
      return new PlannedRecipe(r.file(), r, inputs, PlanReason.FORCED, nv + ": forced");
    }
    for (CompiledPackage p : r.packages()) {
      String pnv = p.name() + "-" + p.fullVersion();
      IndexEntry e = present.get(pnv);
      if (e == null) {
        return new PlannedRecipe(r.file(), r, inputs, PlanReason.MISSING, pnv + " is not in the repository");
      }
      Path file = archDir.resolve(e.fileName());
      if (!isComplete(file, e)) {
        return new PlannedRecipe(r.file(), r, inputs, PlanReason.MISSING, pnv + ": its file is missing or damaged");
      }
    }
    String recorded = recorded(archDir, nv);
    if (recorded != null && !recorded.equals(inputs)) {
      return new PlannedRecipe(r.file(), r, inputs, PlanReason.CHANGED, r.main().name() + ": recipe changed since "
          + nv + " was built; bump epoch");
    }
    return new PlannedRecipe(r.file(), r, inputs, PlanReason.PRESENT, nv + " is present");
  }

  private static boolean isComplete(Path file, IndexEntry e) {
    try {
      return Files.isRegularFile(file) && Files.size(file) == e.fileSize();
    } catch (IOException ex) {
      return false;
    }
  }

  private static String recorded(Path archDir, String nv) {
    try {
      return InputsRecord.read(archDir, nv).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The graph node: what the recipe makes, and what it needs to build, test and run. */
  static Node node(CompiledRecipe r) {
    Set<String> packages = new LinkedHashSet<>();
    Set<String> provides = new LinkedHashSet<>();
    List<Need> needs = new ArrayList<>();
    for (CompiledPackage p : r.packages()) {
      packages.add(p.name());
      p.dependencies().provides().forEach(v -> provides.add(bareName(v)));
      p.dependencies().runtime().forEach(v -> need(needs, v, "runtime of " + p.name(), p));
      if (p.test() != null) {
        p.test().environment().packages().forEach(v -> need(needs, v, "test of " + p.name(), p));
      }
    }
    r.environment().packages().forEach(v -> need(needs, v, "environment", r.main()));
    return new Node(r.main().name(), packages, provides, needs);
  }

  private static void need(List<Need> needs, String atom, String kind, CompiledPackage where) {
    if (!atom.strip().startsWith("!")) {
      needs.add(new Need(bareName(atom), kind, where.pos()));
    }
  }

  /** The name a dependency atom or provides entry refers to, without version or tag. */
  static String bareName(String atom) {
    try {
      return Dependency.parse(atom.strip()).name();
    } catch (PkgbuildException e) {
      return atom.strip().split("[<>=~@ ]", 2)[0];
    }
  }
}
