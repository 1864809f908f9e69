package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;

/**
 * One {@code copyright} entry.
 *
 * @param license SPDX expression
 * @param licensePath file in the source holding the license text, or null
 * @param paths paths the entry covers
 * @param attestation free text, or null
 * @param pos where the entry starts
 */
public record Copyright(String license, String licensePath, List<String> paths, String attestation, SourcePos pos) {
  /** Copies the list. */
  public Copyright {
    paths = List.copyOf(paths);
  }
}
