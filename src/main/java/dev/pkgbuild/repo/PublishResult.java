package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.IndexEntry;
import java.util.List;

/**
 * What one locked update of an arch folder did.
 *
 * @param index the index now on disk
 * @param added records added or replaced, including files adopted by the repair
 * @param removed records dropped: withdrawn, pruned, or whose file was gone
 * @param notes one line per repair made (stray temp file, adopted file, dropped record)
 */
public record PublishResult(ApkIndex index, List<IndexEntry> added, List<IndexEntry> removed, List<String> notes) {
  /** Copies the lists. */
  public PublishResult {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    notes = List.copyOf(notes);
  }
}
