package dev.pkgbuild.recipe;

import java.util.List;

/**
 * A package's declared dependencies.
 *
 * @param runtime runtime dependency atoms
 * @param provides provided names
 * @param replaces replaced packages
 * @param providerPriority integer text, or null
 * @param replacesPriority integer text, or null
 */
public record Dependencies(List<String> runtime, List<String> provides, List<String> replaces,
    String providerPriority, String replacesPriority) {
  /** No dependencies. */
  public static final Dependencies NONE = new Dependencies(List.of(), List.of(), List.of(), null, null);

  /** Copies the lists. */
  public Dependencies {
    runtime = List.copyOf(runtime);
    provides = List.copyOf(provides);
    replaces = List.copyOf(replaces);
  }
}
