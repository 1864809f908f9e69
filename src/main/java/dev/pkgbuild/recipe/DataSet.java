package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.Map;

/**
 * A {@code data} entry that subpackages can {@code range} over.
 *
 * @param name the name ranges refer to
 * @param items key to value, in file order
 * @param pos where the entry starts
 */
public record DataSet(String name, Map<String, String> items, SourcePos pos) {
  /** Copies the map. */
  public DataSet {
    items = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(items));
  }
}
