package dev.pkgbuild.recipe;

import java.util.List;

/**
 * A package's declared dependencies, as written (substitutions come later).
 *
 * @param runtime runtime dependency atoms
 * @param provides provided names
 * @param replaces replaced packages
 * @param providerPriority integer text, or null
 * @param replacesPriority integer text, or null
 */
public record Dependencies(List<Text> runtime, List<Text> provides, List<Text> replaces,
    Text providerPriority, Text replacesPriority) {
  /** No dependencies. */
  public static final Dependencies NONE = new Dependencies(List.of(), List.of(), List.of(), null, null);

  /** Copies the lists. */
  public Dependencies {
    runtime = List.copyOf(runtime);
    provides = List.copyOf(provides);
    replaces = List.copyOf(replaces);
  }
}
