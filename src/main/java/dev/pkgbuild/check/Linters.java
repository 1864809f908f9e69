package dev.pkgbuild.check;

import dev.pkgbuild.sca.FileTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Post-build linters over one package's staging tree. */
public final class Linters {
  private static final String SBOM_DIR = "var/lib/db/sbom/";

  private Linters() {}

  /** Every linter name with its default severity, in catalog order ({@code empty} last). */
  public static Map<String, Severity> defaults() {
    Map<String, Severity> out = new LinkedHashMap<>();
    Checks.ALL.forEach(c -> out.put(c.name(), c.defaultSeverity()));
    out.put("empty", Severity.OFF);
    return out;
  }

  /** Runs the linters with the recipe's disabled list only. */
  public static List<Finding> run(String packageName, Path root, String arch, Set<String> disabled) {
    return run(packageName, FileTree.walk(root), arch, new LintOptions(disabled, Set.of(), List.of()));
  }

  /** Runs every linter that is not off over {@code root}. */
  public static List<Finding> run(String packageName, Path root, String arch, LintOptions options) {
    return run(packageName, FileTree.walk(root), arch, options);
  }

  /**
   * Runs every linter that is not off over an already walked tree (shared with SCA), sorted
   * by path then linter name.
   */
  public static List<Finding> run(String packageName, FileTree tree, String arch, LintOptions options) {
    Map<String, Severity> severities = severities(options);
    LintContext ctx = new LintContext(packageName, tree.root(), arch, options.siblingRoots());
    List<Entry> entries = tree.entries().stream().filter(e -> !e.path().startsWith(SBOM_DIR))
        .map(e -> new Entry(tree.root().resolve(e.path()), e.path(), e.isDirectory(), e.isSymbolicLink(),
            e.isRegularFile(), e.mode() & 07777))
        .toList();
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
}
