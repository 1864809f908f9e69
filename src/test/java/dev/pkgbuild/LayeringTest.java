package dev.pkgbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the package DAG written in docs/architecture.md: dependencies point one way. */
class LayeringTest {
  static final Set<String> ALL = Set.of("diag", "io", "archive", "sign", "apk", "recipe", "pipeline",
      "source", "sandbox", "sca", "check", "sbom", "repo", "graph", "build");

  /** Which project packages each package may import. */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("diag", Set.of()),
      Map.entry("io", Set.of()),
      Map.entry("archive", Set.of("diag", "io")),
      Map.entry("sign", Set.of("diag", "io")),
      Map.entry("apk", Set.of("archive", "sign", "io", "diag")),
      Map.entry("recipe", Set.of("apk", "io", "diag")),
      Map.entry("pipeline", Set.of("recipe", "apk", "io", "diag")),
      Map.entry("source", Set.of("archive", "io", "diag")),
      Map.entry("sandbox", Set.of("io", "diag")),
      Map.entry("sca", Set.of("apk", "io", "diag")),
      Map.entry("check", Set.of("sca", "apk", "io", "diag")),
      Map.entry("sbom", Set.of("apk", "io", "diag")),
      Map.entry("repo", Set.of("apk", "archive", "sign", "io", "diag")),
      Map.entry("graph", Set.of("recipe", "pipeline", "apk", "repo", "io", "diag")),
      Map.entry("build", Set.of("recipe", "pipeline", "source", "sandbox", "apk", "archive", "sign",
          "repo", "graph", "sca", "check", "sbom", "io", "diag")),
      Map.entry("cli", ALL));

  /** Third-party packages that only one of ours may import. */
  static final Map<String, String> OWNERS = Map.of(
      "picocli", "cli",
      "org.bouncycastle", "sign",
      "org.eclipse.jgit", "source",
      "java.lang.ProcessBuilder", "sandbox");

  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

  @Test
  void imports_followThePackageDag() throws IOException {
    List<String> violations = new ArrayList<>();
    Path root = Path.of("src/main/java/dev/pkgbuild");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(f).getName(0).toString();
        String text = Files.readString(f);
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
          check(violations, f, pkg, m.group(1));
        }
        if (!pkg.equals("sandbox") && text.contains("ProcessBuilder")) {
          violations.add(f + ": only sandbox starts processes");
        }
        if (!pkg.equals("cli") && (text.contains("System.out") || text.contains("System.err")
            || text.contains("System.exit"))) {
          violations.add(f + ": only cli writes to the console or exits");
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  private static void check(List<String> violations, Path f, String pkg, String imported) {
    if (imported.startsWith("dev.pkgbuild.")) {
      String target = imported.substring("dev.pkgbuild.".length()).split("\\.")[0];
      if (!target.equals(pkg) && !ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
        violations.add(f + ": " + pkg + " may not import " + imported);
      }
      return;
    }
    OWNERS.forEach((prefix, owner) -> {
      if (imported.startsWith(prefix) && !pkg.equals(owner)) {
        violations.add(f + ": only " + owner + " may import " + imported);
      }
    });
  }
}
