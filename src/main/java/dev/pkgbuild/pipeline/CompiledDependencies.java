package dev.pkgbuild.pipeline;

import java.util.List;

/**
 * A package's declared dependencies after substitution, each atom checked by
 * {@link dev.pkgbuild.apk.Dependency} and each priority an integer.
 *
 * @param runtime runtime dependency atoms
 * @param provides provided names
 * @param replaces replaced packages
 * @param providerPriority preference among providers, or null
 * @param replacesPriority install-time priority for {@code replaces}, or null
 */
public record CompiledDependencies(List<String> runtime, List<String> provides, List<String> replaces,
    Integer providerPriority, Integer replacesPriority) {
  /** Copies the lists. */
  public CompiledDependencies {
    runtime = List.copyOf(runtime);
    provides = List.copyOf(provides);
    replaces = List.copyOf(replaces);
  }
}
