package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code uses:} in {@code test:} blocks: Wolfi's own {@code test/*} and {@code test/tw/*}
 * pipelines compile from its pipeline dir, and the catalog's test pipelines compile with the
 * inputs Wolfi recipes pass, resolving as build steps do.
 */
class TestPipelinesCompileTest {
  @TempDir Path tmp;

  /** A main package and one subpackage, each with a test block holding {@code steps}. */
  private static String recipe(String steps) {
    String indented = steps.strip().indent(4);
    return Fixtures.HEAD + """
        subpackages:
          - name: hello-dev
            pipeline:
              - runs: "true"
            test:
              pipeline:
        %s
        test:
          pipeline:
        %s
        """.formatted(indented.indent(2), indented);
  }

  @Test
  void wolfiTestPipelines_eachCompilesInMainAndSubpackageTests() throws IOException {
    Path dir = Requires.shared().resolve("corpus/wolfi/pipelines");
    List<String> names = testPipelines(dir);
    assertTrue(names.size() >= 50 && names.contains("test/tw/ldd-check") && names.contains("test/tw/ver-check"),
        names.toString());
    List<String> failures = new ArrayList<>();
    for (String name : names) {
      Path def = dir.resolve(name + ".yaml");
      StringBuilder step = new StringBuilder("- uses: " + name + "\n");
      Map<String, String> with = requiredWithoutDefault(def);
      if (!with.isEmpty()) {
        step.append("  with:\n");
        with.forEach((k, v) -> step.append("    ").append(k).append(": ").append(v).append('\n'));
      }
      try {
        Path f = Fixtures.write(tmp, name.replace('/', '_') + ".yaml", recipe(step.toString()));
        CompiledRecipe r = new RecipeCompiler(List.of(dir)).compile(f, dev.pkgbuild.recipe.Arch.X86_64, Map.of());
        for (CompiledPackage p : List.of(r.main(), r.subpackages().get(0))) {
          CompiledTest t = p.test();
          assertTrue(t.environment().packages().contains(p.name()), name + ": " + t.environment().packages());
          assertEquals(name, t.pipeline().get(0).uses());
          assertFalse(t.pipeline().get(0).runs() == null && t.pipeline().get(0).children().isEmpty(), name);
          syntaxErrors(name, t.pipeline(), failures);
        }
      } catch (PkgbuildException e) {
        failures.add(name + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void wolfiLddCheck_defaultsToThePackageUnderTest() throws Exception {
    Path dir = Requires.shared().resolve("corpus/wolfi/pipelines");
    Path f = Fixtures.write(tmp, "r.yaml", recipe("- uses: test/tw/ldd-check"));
    CompiledRecipe r = new RecipeCompiler(List.of(dir)).compile(f, dev.pkgbuild.recipe.Arch.X86_64, Map.of());
    assertEquals("hello", r.main().test().pipeline().get(0).with().get("packages"));
    assertEquals("hello-dev", r.subpackages().get(0).test().pipeline().get(0).with().get("packages"));
    assertTrue(r.main().test().environment().packages().contains("ldd-check"));
    // needs go to the test environment, not the build environment
    assertFalse(r.environment().packages().contains("ldd-check"), r.environment().packages().toString());
  }

  @Test
  void catalogTestPipelines_compileWithTheInputsWolfiPasses() throws Exception {
    String steps = """
        - uses: test/ldd-check
          with:
            packages: ${{package.name}}
        - uses: test/ldd-check
          with:
            files: /usr/bin/hello
            verbose: true
        - uses: test/pkgconf
        - uses: test/docs
        - uses: test/no-docs
        - uses: test/emptypackage
        - uses: test/metapackage
        - uses: test/virtualpackage
          with:
            virtual-pkg-name: hello-any
            real-pkg-name: hello
        - uses: test/daemon-check-output
          with:
            setup: |
              mkdir -p /tmp/d
            start: /usr/bin/hello --serve
            expected_output: |
              listening
              ready
            post: |
              echo done
        - uses: test/fonts
        - uses: test/perl-module-check
          with:
            modules: Foo::Bar Baz
        """;
    CompiledRecipe r = Fixtures.compile(tmp, recipe(steps));
    CompiledTest main = r.main().test();
    assertEquals(List.of("busybox", "file", "hello", "man-db", "perl", "pkgconf", "posix-libc-utils",
        "py3-fonttools", "texinfo", "wait-for-it"), main.environment().packages());
    assertEquals(11, main.pipeline().size());
    assertTrue(script(main, 0).contains("\nhello\nPKGBUILD_INPUT_END"), script(main, 0));
    assertTrue(script(main, 2).contains("pkg=\"hello\""));
    assertTrue(script(r.subpackages().get(0).test(), 2).contains("pkg=\"hello-dev\""));
    // test/metapackage runs test/emptypackage first, as a child step
    Step meta = main.pipeline().get(6);
    assertEquals("test/emptypackage", meta.children().get(0).uses());
    assertTrue(script(main, 7).contains("version=\"1.0-r0\""));
    assertTrue(script(main, 8).contains("\nlistening\nready\n"));
    assertFalse(r.environment().packages().contains("posix-libc-utils"), "test needs stay out of the build");
  }

  @Test
  void testUses_pipelineDirWinsOverTheCatalog_asInBuilds() throws Exception {
    Fixtures.write(tmp, "pipelines/test/pkgconf.yaml", """
        name: local pkgconf check
        needs:
          packages:
            - local-tool
        pipeline:
          - runs: echo local
        """);
    CompiledRecipe r = Fixtures.compile(tmp, recipe("- uses: test/pkgconf"));
    assertEquals(List.of("hello", "local-tool"), r.main().test().environment().packages());
    assertEquals("echo local", r.main().test().pipeline().get(0).children().get(0).runs().strip());
  }

  @Test
  void testUses_missingRequiredInput_isACompileError() throws Exception {
    String e = Fixtures.error(tmp, recipe("- uses: test/virtualpackage"));
    assertTrue(e.contains("missing required input 'virtual-pkg-name' for pipeline 'test/virtualpackage'"), e);
  }

  /** melange refuses a script its shell parser rejects: each compiled script must pass {@code sh -n}. */
  private static void syntaxErrors(String name, List<Step> steps, List<String> failures) throws IOException {
    for (Step s : steps) {
      if (s.runs() != null) {
        Process p = new ProcessBuilder("/bin/sh", "-n", "-c", s.runs()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
          if (p.waitFor() != 0) {
            failures.add(name + ": " + out.strip());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      syntaxErrors(name, s.children(), failures);
    }
  }

  /** The script of the first step of the pipeline the {@code i}th test step uses. */
  private static String script(CompiledTest t, int i) {
    return t.pipeline().get(i).children().get(0).runs();
  }

  private static List<String> testPipelines(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("test"))) {
      return s.filter(p -> p.toString().endsWith(".yaml"))
          .map(p -> dir.relativize(p).toString().replaceAll("\\.yaml$", ""))
          .sorted()
          .toList();
    }
  }

  /** A placeholder value for every input the definition requires and gives no default. */
  private static Map<String, String> requiredWithoutDefault(Path def) throws IOException {
    Map<String, String> with = new TreeMap<>();
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(def));
    if (doc instanceof Map<?, ?> m && m.get("inputs") instanceof Map<?, ?> inputs) {
      inputs.forEach((k, v) -> {
        if (v instanceof Map<?, ?> spec && Boolean.TRUE.equals(spec.get("required")) && (spec.get("default") == null || spec.get("default").toString().isEmpty())) {
          with.put(k.toString(), "x");
        }
      });
    }
    return with;
  }
}
