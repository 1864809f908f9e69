package dev.pkgbuild.graph;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.io.SideBySide;
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
   * Plans the build of {@code recipes} (files, or folders of recipes) into {@code repo} (opened
   * without a key for a plan that only reads it); the packages {@code repo} and the repositories
   * {@code extra} hold can break build-environment cycles.
   *
   * @throws PkgbuildException for a bad recipe, two recipes making one package, an index that
   *     does not verify, or a changed recipe without {@code rebuildChanged}
   */
  public Plan plan(List<Path> recipes, Repository repo, List<Path> extra, boolean rebuildChanged,
      Set<String> forced) throws PkgbuildException {
    return plan(recipes, repo, extra, Holdings.none(), List.of(), rebuildChanged, forced);
  }

  /**
   * As above, with {@code remote}: what repositories the caller read itself (remote ones) hold;
   * and {@code published}: what the output repository holds where its files are not in
   * {@code repo} (an object-storage repository, whose index lists only uploaded packages).
   */
  public Plan plan(List<Path> recipes, Repository repo, List<Path> extra, Holdings remote,
      List<IndexEntry> published, boolean rebuildChanged, Set<String> forced) throws PkgbuildException {
    Map<String, IndexEntry> present = repo.listed();
    Map<String, IndexEntry> elsewhere = new HashMap<>();
    for (IndexEntry e : published) {
      elsewhere.put(e.name() + "-" + e.version(), e);
    }
    Holdings held = Holdings.of(repo.archDir().getParent().toString(), present.values())
        .and(Holdings.of("the output repository", published)).and(holdings(extra)).and(remote);
    // Each recipe is loaded, compiled and decided on its own, side by side: most of a plan's time.
    List<Loaded> loaded = SideBySide.map(RecipeFiles.expand(recipes, reporter),
        f -> load(f, repo.archDir(), present, elsewhere, forced, held));
    List<Node> nodes = new ArrayList<>();
    Map<String, PlannedRecipe> byId = new HashMap<>();
    for (Loaded l : loaded) {
      if (l.planned() == null) {
        reporter.info(l.skipped());
      } else {
        nodes.add(l.node());
        byId.put(l.planned().id(), l.planned());
      }
    }
    RecipeGraph graph = RecipeGraph.of(nodes, held);
    List<PlannedRecipe> ordered = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (String id : graph.topologicalOrder()) {
      PlannedRecipe p = byId.get(id);
      if (p.reason() == PlanReason.CHANGED && !rebuildChanged) {
        changed.add(p.detail());
      }
      ordered.add(p);
    }
    if (!changed.isEmpty()) {
      throw PkgbuildException.badInput(String.join("; ", changed) + " (or pass --rebuild-changed)");
    }
    return new Plan(graph, ordered, byId);
  }

  /** One recipe file: its plan and graph node, or why it was skipped. */
  private record Loaded(PlannedRecipe planned, Node node, String skipped) {}

  private Loaded load(Path file, Path archDir, Map<String, IndexEntry> present, Map<String, IndexEntry> elsewhere,
      Set<String> forced, Holdings held) throws PkgbuildException {
    Recipe r = RecipeLoader.load(file);
    if (!RecipeCompiler.buildsFor(r, arch)) {
      return new Loaded(null, null, file + ": skipped, builds only for " + String.join(", ", r.pkg().targetArchitecture()));
    }
    CompiledRecipe c = compiler.compile(r, arch, Map.of());
    return new Loaded(decide(c, archDir, present, elsewhere, forced.contains(c.main().name()), held), node(c), null);
  }

  private Holdings holdings(List<Path> repos) throws PkgbuildException {
    Holdings all = Holdings.none();
    for (Path root : repos) {
      Repository r = Repository.open(root, arch.apkName(), null, reporter);
      if (!Files.isRegularFile(r.indexFile())) {
        throw PkgbuildException.badInput(root + ": not a repository: no " + arch.apkName() + "/APKINDEX.tar.gz");
      }
      all = all.and(Holdings.of(root.toString(), r.listed().values()));
    }
    return all;
  }


  // The inputs are hashed only to compare them with a record: a missing recipe is built anyway.
  private PlannedRecipe decide(CompiledRecipe r, Path archDir, Map<String, IndexEntry> present,
      Map<String, IndexEntry> elsewhere, boolean force, Holdings held) throws PkgbuildException {
    String nv = r.main().name() + "-" + r.main().fullVersion();
    if (force) {
      return planned(r, null, PlanReason.FORCED, nv + ": forced");
    }
    if (!present.containsKey(nv) && r.packages().stream()
        .allMatch(p -> elsewhere.containsKey(p.name() + "-" + p.fullVersion()))) {
      return planned(r, null, PlanReason.PRESENT, nv + " is published");
    }
    for (CompiledPackage p : r.packages()) {
      String pnv = p.name() + "-" + p.fullVersion();
      IndexEntry e = present.get(pnv);
      if (e == null) {
        return planned(r, null, PlanReason.MISSING, pnv + " is not in the repository");
      }
      Path file = archDir.resolve(e.fileName());
      if (!isComplete(file, e)) {
        return planned(r, null, PlanReason.MISSING, pnv + ": its file is missing or damaged");
      }
    }
    String recorded = recorded(archDir, nv);
    String isPresent = nv + " is present" + OlderEnvironment.note(archDir, nv, held);
    if (recorded == null) {
      return planned(r, null, PlanReason.PRESENT, isPresent);
    }
    String inputs = inputs(r);
    if (!recorded.equals(inputs)) {
      return planned(r, inputs, PlanReason.CHANGED, r.main().name() + ": recipe changed since "
          + nv + " was built; bump epoch");
    }
    return planned(r, inputs, PlanReason.PRESENT, isPresent);
  }

  private static PlannedRecipe planned(CompiledRecipe r, String inputs, PlanReason reason, String detail) {
    return new PlannedRecipe(r.file(), r.main().name(), r.main().fullVersion(), inputs, reason, detail);
  }

  private String inputs(CompiledRecipe r) throws PkgbuildException {
    try {
      return BuildInputs.hash(Renderer.text(r), arch.apkName(), BuildInputs.defaultSourceDir(r.file(), r.main().name()));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot hash the inputs of " + r.file() + ": " + e.getMessage());
    }
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

  /**
   * The graph node: what the recipe makes, and what it needs to build, test and run.
   *
   * @throws PkgbuildException for a dependency atom that does not parse
   */
  static Node node(CompiledRecipe r) throws PkgbuildException {
    Map<String, Integer> packages = new HashMap<>();
    Map<String, Integer> provides = new HashMap<>();
    List<Need> needs = new ArrayList<>();
    for (CompiledPackage p : r.packages()) {
      int priority = priority(p);
      packages.put(p.name(), priority);
      for (String v : p.dependencies().provides()) {
        provides.merge(bareName(v, p.pos()), priority, Math::max);
      }
      for (String v : p.dependencies().runtime()) {
        need(needs, v, Need.Kind.RUNTIME, p);
      }
      if (p.test() != null) {
        for (String v : p.test().environment().packages()) {
          need(needs, v, Need.Kind.TEST, p);
        }
      }
    }
    for (String v : r.environment().packages()) {
      need(needs, v, Need.Kind.ENVIRONMENT, r.main());
    }
    return new Node(r.main().name(), packages, provides, needs);
  }

  private static int priority(CompiledPackage p) {
    Integer priority = p.dependencies().providerPriority();
    return priority == null ? 0 : priority;
  }

  private static void need(List<Need> needs, String atom, Need.Kind kind, CompiledPackage where)
      throws PkgbuildException {
    if (!atom.strip().startsWith("!")) {
      needs.add(new Need(bareName(atom, where.pos()), kind, where.name(), where.pos()));
    }
  }

  /** The name a dependency atom or provides entry refers to, without version or tag. */
  static String bareName(String atom, SourcePos pos) throws PkgbuildException {
    try {
      return Dependency.parse(atom.strip()).name();
    } catch (PkgbuildException e) {
      throw new PositionedException(pos, e.getMessage());
    }
  }
}
