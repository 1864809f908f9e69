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
 * RECIPES_DIR REPO_DIR KEY.rsa} (command and figures in docs/benchmarks.md). Not a test:
 * nothing runs it in {@code mvn verify}.
 */
public final class TreeBench {
  private static long last = System.nanoTime();

  private TreeBench() {}

  public static void main(String[] args) throws Exception {
    Path recipes = Path.of(args[0]);
    Path repoDir = Path.of(args[1]);
    lap("(start)");
    SigningKey key = SigningKey.load(Path.of(args[2]));
    lap("load signing key");
    List<Path> files = RecipeFiles.expand(List.of(recipes));
    lap("list " + files.size() + " recipe files");
    List<dev.pkgbuild.recipe.Recipe> loaded = new ArrayList<>();
    for (Path f : files) {
      loaded.add(RecipeLoader.load(f));
    }
    lap("load (parse YAML)");
    RecipeCompiler compiler = new RecipeCompiler(List.of());
    List<CompiledRecipe> compiled = new ArrayList<>();
    for (dev.pkgbuild.recipe.Recipe r : loaded) {
      compiled.add(compiler.compile(r, Arch.X86_64, Map.of()));
    }
    lap("compile");
    List<String> hashes = new ArrayList<>();
    for (CompiledRecipe c : compiled) {
      hashes.add(BuildInputs.hash(Renderer.text(c), "x86_64", BuildInputs.defaultSourceDir(c.file(), c.main().name())));
    }
    lap("render + input hash");
    RecipeGraph.of(compiled.stream().map(TreePlanner::node).toList()).topologicalOrder();
    lap("graph + order");
    Repository repo = Repository.open(repoDir, "x86_64", key, Reporter.silent());
    List<IndexEntry> entries = repo.index().entries();
    lap("read + verify index (" + entries.size() + " entries)");
    for (IndexEntry e : entries) {
      Files.size(repo.archDir().resolve(e.fileName()));
      InputsRecord.read(repo.archDir(), e.name() + "-" + e.version());
    }
    lap("stat packages + read input records");
    for (int i = 0; i < 3; i++) {
      new TreePlanner(List.of(), Arch.X86_64, Reporter.silent())
          .plan(List.of(recipes), Repository.open(repoDir, "x86_64", key, Reporter.silent()), false, Set.of());
      lap("whole plan again, warm pass " + (i + 1));
    }
  }

  private static void lap(String what) {
    long now = System.nanoTime();
    System.out.printf("%-45s %8.1f ms%n", what, (now - last) / 1e6);
    last = System.nanoTime();
  }
}
