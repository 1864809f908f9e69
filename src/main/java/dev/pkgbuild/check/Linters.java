package dev.pkgbuild.check;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Post-build linters over one package's staging tree. */
public final class Linters {
  private static final String SBOM_DIR = "var/lib/db/sbom";

  private Linters() {}

  /** Every linter name with its default severity, in catalog order ({@code empty} last). */
  public static Map<String, Severity> defaults() {
    Map<String, Severity> out = new LinkedHashMap<>();
    Checks.ALL.forEach(c -> out.put(c.name(), c.defaultSeverity()));
    out.put("empty", Severity.OFF);
    return out;
  }

  /** Runs the linters with the recipe's disabled list only. */
  public static List<Finding> run(String packageName, Path root, String arch, Set<String> disabled)
      throws IOException {
    return run(packageName, root, arch, new LintOptions(disabled, Set.of(), List.of()));
  }

  /**
   * Runs every linter that is not off over {@code root}, sorted by path then linter name.
   *
   * @throws IOException when the tree cannot be walked
   */
  public static List<Finding> run(String packageName, Path root, String arch, LintOptions options)
      throws IOException {
    Map<String, Severity> severities = severities(options);
    LintContext ctx = new LintContext(packageName, root, arch, options.siblingRoots());
    List<Entry> entries = walk(root);
    // checks only read the tree, so entries are checked in parallel
    List<Finding> out = new ArrayList<>(entries.parallelStream()
        .flatMap(e -> check(e, ctx, severities).stream()).toList());
    if (severities.get("empty") != Severity.OFF && entries.stream().allMatch(Entry::dir)) {
      out.add(new Finding("empty", severities.get("empty"), "", "package contains no files"));
    }
    out.sort(Comparator.comparing(Finding::path).thenComparing(Finding::check));
    return out;
  }

  private static List<Finding> check(Entry e, LintContext ctx, Map<String, Severity> severities) {
    List<Finding> out = new ArrayList<>();
    for (Check c : Checks.ALL) {
      Severity s = severities.get(c.name());
      String msg = s == Severity.OFF ? null : c.rule().test(e, ctx);
      if (msg != null) {
        out.add(new Finding(c.name(), s, e.path(), msg));
      }
    }
    return out;
  }

  /** Whether any finding fails the build. */
  public static boolean failed(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  private static Map<String, Severity> severities(LintOptions options) {
    Map<String, Severity> s = defaults();
    s.replaceAll((name, sev) -> options.enabled().contains(name) && sev == Severity.OFF ? Severity.WARNING : sev);
    s.replaceAll((name, sev) -> options.disabled().contains(name) ? Severity.OFF : sev);
    return s;
  }

  private static List<Entry> walk(Path root) throws IOException {
    List<Entry> out = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
        String rel = root.relativize(d).toString();
        if (rel.equals(SBOM_DIR)) {
          return FileVisitResult.SKIP_SUBTREE; // our own SBOM is not the package's content
        }
        if (!rel.isEmpty()) {
          out.add(entry(d, rel, a));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        out.add(entry(f, root.relativize(f).toString(), a));
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(Comparator.comparing(Entry::path));
    return out;
  }

  private static Entry entry(Path f, String rel, BasicFileAttributes a) throws IOException {
    int mode = (Integer) Files.getAttribute(f, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return new Entry(f, rel, a.isDirectory(), a.isSymbolicLink(), a.isRegularFile(), mode);
  }
}
