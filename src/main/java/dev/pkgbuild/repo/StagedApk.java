package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A package ready to publish: its file and the record its writer computed.
 *
 * @param file the package file; a temp file in the arch folder makes publishing a rename
 * @param entry the index record (arch {@code noarch} is rewritten to the repository's arch)
 * @param consume whether the file may be moved away (a temp file) or must be copied (the user's)
 * @param readBack the record read back from the file, verified, by whoever wrote it; null when
 *     publishing should read the file itself
 */
public record StagedApk(Path file, IndexEntry entry, boolean consume, IndexEntry readBack) {
  /** Checks for nulls. */
  public StagedApk {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(entry, "entry");
  }

  /** A packager's temp file and what {@code ApkWriter} reported for it; the file is moved into place. */
  public static StagedApk written(Path tempFile, WrittenApk written) {
    return new StagedApk(tempFile, written.indexEntry(), true, null);
  }

  /**
   * As {@link #written}, plus the record {@code inspector} read back from the file: the writer
   * checked it right after writing (beside its other work), so publishing need not read it again.
   *
   * @throws PkgbuildException when the file does not verify
   */
  public static StagedApk checked(Path tempFile, WrittenApk written, PackageInspector inspector)
      throws PkgbuildException {
    return new StagedApk(tempFile, written.indexEntry(), true, inspector.inspect(tempFile));
  }
}
