package dev.pkgbuild.graph;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.pipeline.CompiledRecipe;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.pipeline.Renderer;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.recipe.RecipeLoader;
import dev.pkgbuild.repo.InputsRecord;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a no-op tree plan spends its time: each phase of {@link TreePlanner#plan} timed on its
 * own, in a cold JVM (the first pass is what the CLI pays), then the whole plan again warm.
 * Run after {@code mvn -o test-compile} and bench/tree.sh (which makes the tree):
 * {@code java -cp target/pkgbuild.jar:target/test-classes dev.pkgbuild.graph.TreeBench
 * RECIPES_DIR REPO_DIR KEY.rsa [PIPELINE_DIR]} (command and figures in docs/benchmarks.md). Not a test:
 * nothing runs it in {@code mvn verify}.
 */
public final class TreeBench {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  private static long last = System.nanoTime();
  private static long lastCpu = CPU.getCurrentThreadCpuTime();

  private TreeBench() {}

  public static void main(String[] args) throws Exception {
    Path recipes = Path.of(args[0]);
    Path repoDir = Path.of(args[1]);
    lap("(start)");
    SigningKey key = SigningKey.load(Path.of(args[2]));
    lap("load signing key");
    List<Path> files = RecipeFiles.expand(List.of(recipes), Reporter.silent());
    lap("list " + files.size() + " recipe files");
    List<dev.pkgbuild.recipe.Recipe> loaded = new ArrayList<>();
    for (Path f : files) {
      loaded.add(RecipeLoader.load(f));
    }
    lap("load (parse YAML)");
    List<Path> pipelines = args.length > 3 ? List.of(Path.of(args[3])) : List.of();
    RecipeCompiler compiler = new RecipeCompiler(pipelines);
    List<CompiledRecipe> compiled = new ArrayList<>();
    for (dev.pkgbuild.recipe.Recipe r : loaded) {
      if (r.pkg().targetArchitecture().isEmpty() || r.pkg().targetArchitecture().contains("x86_64")
          || r.pkg().targetArchitecture().contains("all")) {
        compiled.add(compiler.compile(r, Arch.X86_64, Map.of()));
      }
    }
    lap("compile");
    List<String> texts = new ArrayList<>();
    for (CompiledRecipe c : compiled) {
      texts.add(Renderer.text(c));
    }
    lap("render (" + texts.stream().mapToLong(String::length).sum() / 1024 + " KiB)");
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < compiled.size(); i++) {
      CompiledRecipe c = compiled.get(i);
      hashes.add(BuildInputs.hash(texts.get(i), "x86_64", BuildInputs.defaultSourceDir(c.file(), c.main().name())));
    }
    lap("input hash");
    List<Node> nodes = new ArrayList<>();
    for (CompiledRecipe c : compiled) {
      nodes.add(TreePlanner.node(c));
    }
    lap("nodes");
    for (int i = 0; i < 3; i++) {
      RecipeGraph g = RecipeGraph.of(nodes);
      lap("graph (" + g.cuts().size() + " cuts)");
      g.topologicalOrder();
      lap("order");
    }
    Repository repo = Repository.open(repoDir, "x86_64", key, Reporter.silent());
    List<IndexEntry> entries = Files.isRegularFile(repo.indexFile()) ? repo.index().entries() : List.of();
    lap("read + verify index (" + entries.size() + " entries)");
    for (IndexEntry e : entries) {
      Files.size(repo.archDir().resolve(e.fileName()));
      InputsRecord.read(repo.archDir(), e.name() + "-" + e.version());
    }
    lap("stat packages + read input records");
    for (int i = 0; i < 3; i++) {
      new TreePlanner(pipelines, Arch.X86_64, Reporter.silent())
          .plan(List.of(recipes), Repository.open(repoDir, "x86_64", key, Reporter.silent()), List.of(), false,
              Set.of());
      lap("whole plan again, warm pass " + (i + 1));
    }
  }

  private static void lap(String what) {
    long now = System.nanoTime();
    long cpu = CPU.getCurrentThreadCpuTime();
    System.out.printf("%-45s %8.1f ms wall %8.1f ms cpu%n", what, (now - last) / 1e6, (cpu - lastCpu) / 1e6);
    last = System.nanoTime();
    lastCpu = CPU.getCurrentThreadCpuTime();
  }
}
