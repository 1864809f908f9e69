package dev.pkgbuild.env;

import dev.pkgbuild.apk.IndexEntry;
import java.util.List;
import java.util.Objects;

/**
 * One repository as the resolver sees it: where it is (only for messages), its {@code @tag}
 * or null for an untagged repository, and the entries of its parsed index.
 */
public record RepositoryIndex(String location, String tag, List<IndexEntry> entries) {
  public RepositoryIndex {
    Objects.requireNonNull(location, "location");
    entries = List.copyOf(entries);
  }

  /** An untagged repository. */
  public static RepositoryIndex untagged(String location, List<IndexEntry> entries) {
    return new RepositoryIndex(location, null, entries);
  }
}
