package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog's shape: every listed file exists, parses and is self-consistent. */
class CatalogTest {
  private static final Set<String> TOP_KEYS = Set.of("name", "needs", "inputs", "pipeline");
  private static final Set<String> INPUT_KEYS = Set.of("description", "default", "required");
  private static final Set<String> STEP_KEYS =
      Set.of("name", "runs", "uses", "with", "if", "working-directory", "pipeline", "environment");
  private static final Pattern INPUT_REF = Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_-]+)\\s*\\}\\}");

  @Test
  void index_everyName_isSortedUniqueAndHasAFile() {
    List<String> names = CatalogFiles.index();
    assertEquals(new ArrayList<>(new TreeSet<>(names)), names, "index.txt must be sorted and unique");
    for (String name : names) {
      assertFalse(CatalogFiles.text(name + ".yaml").isBlank(), name);
    }
  }

  @Test
  void index_everyYamlOnDisk_isListed() throws IOException, URISyntaxException {
    URL root = CatalogTest.class.getResource(CatalogFiles.ROOT);
    Requires.that(root != null && "file".equals(root.getProtocol()), "catalog is not a directory");
    Path dir = Path.of(root.toURI());
    Set<String> onDisk = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(p -> p.toString().endsWith(".yaml"))
          .forEach(p -> onDisk.add(dir.relativize(p).toString().replace('\\', '/').replaceAll("\\.yaml$", "")));
    }
    assertEquals(onDisk, new TreeSet<>(CatalogFiles.index()));
  }

  @Test
  void load_everyDefinition_hasOnlyKnownKeys() {
    for (String name : CatalogFiles.index()) {
      Map<String, Object> def = CatalogFiles.load(name);
      assertTrue(TOP_KEYS.containsAll(def.keySet()), name + ": top-level keys " + def.keySet());
      assertInstanceOf(String.class, def.get("name"), name + ": name");
      CatalogFiles.inputs(def).forEach((key, spec) -> {
        assertTrue(INPUT_KEYS.containsAll(spec.keySet()), name + ": input " + key + " keys " + spec.keySet());
        assertInstanceOf(String.class, spec.get("description"), name + ": input " + key + " description");
        if (spec.containsKey("default")) {
          // Defaults are strings so the compiler never sees a YAML bool or int.
          assertInstanceOf(String.class, spec.get("default"), name + ": input " + key + " default");
        }
      });
      checkSteps(name, CatalogFiles.steps(def));
    }
  }

  @SuppressWarnings("unchecked")
  private static void checkSteps(String name, List<Map<String, Object>> steps) {
    for (Map<String, Object> step : steps) {
      assertTrue(STEP_KEYS.containsAll(step.keySet()), name + ": step keys " + step.keySet());
      assertTrue(step.containsKey("runs") ^ step.containsKey("uses") || step.containsKey("pipeline"),
          name + ": a step needs runs, uses or pipeline");
      if (step.get("uses") instanceof String uses) {
        assertTrue(CatalogFiles.index().contains(uses), name + ": uses unknown " + uses);
      }
      if (step.get("pipeline") instanceof List<?> nested) {
        checkSteps(name, (List<Map<String, Object>>) nested);
      }
    }
  }

  @Test
  void load_everyInputReference_isDeclared() {
    for (String name : CatalogFiles.index()) {
      Set<String> declared = CatalogFiles.inputs(CatalogFiles.load(name)).keySet();
      Matcher m = INPUT_REF.matcher(CatalogFiles.text(name + ".yaml"));
      while (m.find()) {
        assertTrue(declared.contains(m.group(1)), name + ": ${{inputs." + m.group(1) + "}} is not declared");
      }
    }
  }

  @Test
  void load_needs_isAListOfPackageNames() {
    for (String name : CatalogFiles.index()) {
      Object needs = CatalogFiles.load(name).get("needs");
      Map<?, ?> map = assertInstanceOf(Map.class, needs, name + ": needs");
      assertEquals(Set.of("packages"), map.keySet(), name);
      for (Object pkg : assertInstanceOf(List.class, map.get("packages"), name)) {
        assertInstanceOf(String.class, pkg, name + ": needs entry");
      }
    }
  }

  @Test
  void load_hostNativePipelines_haveNoShellSteps() {
    // pkgbuild fetches and clones on the host; the sandbox has no network.
    for (String name : List.of("fetch", "git-checkout")) {
      Map<String, Object> def = CatalogFiles.load(name);
      assertTrue(CatalogFiles.steps(def).isEmpty(), name);
      assertEquals(Boolean.TRUE, CatalogFiles.inputs(def).get(name.equals("fetch") ? "uri" : "repository")
          .get("required"));
    }
  }

  @Test
  void load_everyOtherPipeline_hasSteps() {
    for (String name : CatalogFiles.index()) {
      if (!name.equals("fetch") && !name.equals("git-checkout")) {
        assertFalse(CatalogFiles.steps(CatalogFiles.load(name)).isEmpty(), name);
      }
    }
  }

  @Test
  void shellSteps_everyScript_passesShSyntaxCheck() throws IOException, InterruptedException {
    for (String name : CatalogFiles.index()) {
      for (String script : scriptsWithPlaceholders(name)) {
        Process p = new ProcessBuilder("/bin/sh", "-n", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), name + ": " + out);
      }
    }
  }

  private static List<String> scriptsWithPlaceholders(String name) {
    List<String> scripts = new ArrayList<>();
    for (Map<String, Object> step : CatalogFiles.steps(CatalogFiles.load(name))) {
      if (step.get("runs") instanceof String runs) {
        scripts.add(runs.replaceAll("\\$\\{\\{[^}]*\\}\\}", "x"));
      }
    }
    return scripts;
  }
}
