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
      "source", "sandbox", "sca", "check", "sbom", "repo", "graph", "env", "image", "builder");

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
      Map.entry("env", Set.of("apk", "archive", "sign", "source", "io", "diag")),
      Map.entry("image", Set.of("env", "apk", "archive", "io", "diag")),
      Map.entry("builder", Set.of("recipe", "pipeline", "source", "sandbox", "apk", "archive", "sign",
          "repo", "graph", "env", "image", "sca", "check", "sbom", "io", "diag")),
      Map.entry("cli", ALL));

  /** Third-party packages that only one of ours may import. */
  static final Map<String, String> OWNERS = Map.of(
      "picocli", "cli",
      "org.bouncycastle", "sign",
      "org.eclipse.jgit", "source",
      "software.amazon", "repo",
      "java.lang.ProcessBuilder", "sandbox");

  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
  /** A name written out in full in code, e.g. {@code dev.pkgbuild.cli.Main} or {@code picocli.CommandLine}. */
  private static final Pattern QUALIFIED = Pattern.compile(
      "(?<![\\w.])((?:dev\\.pkgbuild|picocli|org\\.bouncycastle|org\\.eclipse\\.jgit|software\\.amazon)(?:\\.\\w+)+)");
  private static final Pattern COMMENT_OR_STRING = Pattern.compile(
      "//[^\\n]*|/\\*(?s:.*?)\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"");

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
        Matcher q = QUALIFIED.matcher(code(text));
        while (q.find()) {
          check(violations, f, pkg, q.group(1));
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

  /** The code without comments, string literals, package and import lines. */
  static String code(String text) {
    String stripped = COMMENT_OR_STRING.matcher(text).replaceAll(" ");
    return stripped.replaceAll("(?m)^(package|import)\\s[^\\n]*", "");
  }

  @Test
  void qualifiedNames_areCheckedLikeImports() {
    String text = "package x;\nimport java.util.List;\n// dev.pkgbuild.cli.Main in a comment\n"
        + "class A { dev.pkgbuild.cli.Main m; String s = \"dev.pkgbuild.cli.Gone\"; }";
    Matcher q = QUALIFIED.matcher(code(text));
    List<String> found = new ArrayList<>();
    while (q.find()) {
      found.add(q.group(1));
    }
    assertEquals(List.of("dev.pkgbuild.cli.Main"), found);
    List<String> violations = new ArrayList<>();
    check(violations, Path.of("A.java"), "graph", found.get(0));
    assertEquals(1, violations.size());
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
