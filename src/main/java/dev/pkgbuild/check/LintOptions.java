package dev.pkgbuild.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The recipe's {@code checks:} block and the build's other packages.
 *
 * @param disabled linters that do not run at all (ours turns them off; melange only downgrades
 *     required ones to warnings)
 * @param enabled linters that are off by default and should run as warnings
 * @param siblingRoots staging folders of the other packages of the build, where symlink targets
 *     may live
 */
public record LintOptions(Set<String> disabled, Set<String> enabled, List<Path> siblingRoots) {
  public LintOptions {
    disabled = Set.copyOf(disabled);
    enabled = Set.copyOf(enabled);
    siblingRoots = List.copyOf(siblingRoots);
  }

  /** No overrides and no siblings. */
  public static LintOptions defaults() {
    return new LintOptions(Set.of(), Set.of(), List.of());
  }
}
