package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The catalog covers every built-in the Wolfi corpus uses, with the inputs it passes. */
class CatalogCorpusTest {
  private final Path corpus = Requires.shared().resolve("corpus/wolfi");

  @Test
  void index_corpusBuiltins_areAllPresent() throws IOException {
    Set<String> builtins = corpusBuiltins();
    // melange-semantics.md counts 40 built-ins in the full Wolfi tree.
    assertTrue(builtins.size() >= 30, "suspiciously few built-ins found: " + builtins);
    Set<String> missing = new TreeSet<>(builtins);
    missing.removeAll(CatalogFiles.index());
    assertEquals(Set.of(), missing, "built-ins the corpus uses but the catalog lacks");
  }

  @Test
  void inputs_everyWithKeyInCorpus_isDeclared() throws IOException {
    Set<String> defined = localPipelines();
    Set<String> problems = new TreeSet<>();
    for (Path file : corpusFiles()) {
      visit(load(file), (uses, with) -> {
        if (!defined.contains(uses) && CatalogFiles.index().contains(uses)) {
          Set<String> declared = CatalogFiles.inputs(CatalogFiles.load(uses)).keySet();
          for (Object key : with.keySet()) {
            if (!declared.contains(key.toString())) {
              problems.add(file.getFileName() + ": " + uses + " with " + key);
            }
          }
        }
      });
    }
    assertEquals(Set.of(), problems);
  }

  private Set<String> corpusBuiltins() throws IOException {
    Set<String> uses = new TreeSet<>();
    for (Path file : corpusFiles()) {
      visit(load(file), (name, with) -> uses.add(name));
    }
    uses.removeAll(localPipelines());
    return uses;
  }

  /** Names defined by the corpus's own pipelines/ dir: X when pipelines/X.yaml exists. */
  private Set<String> localPipelines() throws IOException {
    Path dir = corpus.resolve("pipelines");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(p -> p.toString().endsWith(".yaml"))
          .forEach(p -> names.add(dir.relativize(p).toString().replaceAll("\\.yaml$", "")));
    }
    return names;
  }

  private List<Path> corpusFiles() throws IOException {
    try (Stream<Path> top = Files.list(corpus); Stream<Path> local = Files.walk(corpus.resolve("pipelines"))) {
      return Stream.concat(top, local)
          .filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }

  private static Object load(Path file) throws IOException {
    LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(true)
        .setCodePointLimit(64 * 1024 * 1024).build();
    return new Load(settings).loadFromString(Files.readString(file));
  }

  private interface UsesVisitor {
    void accept(String uses, Map<?, ?> with);
  }

  private static void visit(Object node, UsesVisitor visitor) {
    if (node instanceof Map<?, ?> map) {
      if (map.get("uses") instanceof String uses) {
        visitor.accept(uses, map.get("with") instanceof Map<?, ?> with ? with : Map.of());
      }
      map.values().forEach(v -> visit(v, visitor));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> visit(v, visitor));
    }
  }
}
