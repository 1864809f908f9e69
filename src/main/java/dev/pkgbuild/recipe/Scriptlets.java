package dev.pkgbuild.recipe;

import java.util.List;
import java.util.Map;

/**
 * Install scripts, keyed by their control-file names ({@code .pre-install}, ...,
 * {@code .trigger}), plus the paths a trigger watches.
 *
 * @param scripts file name to script text, in a fixed order
 * @param triggerPaths directories the trigger watches
 */
public record Scriptlets(Map<String, String> scripts, List<String> triggerPaths) {
  /** No scripts. */
  public static final Scriptlets NONE = new Scriptlets(Map.of(), List.of());

  /** Copies the collections. */
  public Scriptlets {
    scripts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scripts));
    triggerPaths = List.copyOf(triggerPaths);
  }
}
