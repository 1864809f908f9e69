package dev.pkgbuild.env;

import dev.pkgbuild.apk.IndexEntry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A package file whose checksum the repository client has checked against its index entry.
 *
 * @param file the {@code .apk}
 * @param entry its index record, which becomes the head of its installed-database record
 * @param tag the repository tag it was pinned to, without {@code @} (the db's {@code s:}), or null
 */
public record VerifiedPackage(Path file, IndexEntry entry, String tag) {
  /** Checks the fields. */
  public VerifiedPackage {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(entry, "entry");
    tag = tag == null || tag.isEmpty() ? null : tag.startsWith("@") ? tag.substring(1) : tag;
  }

  /** An untagged package. */
  public static VerifiedPackage of(Path file, IndexEntry entry) {
    return new VerifiedPackage(file, entry, null);
  }

  /** {@code name-version}, as apk names a package in messages. */
  public String label() {
    return entry.name() + "-" + entry.version();
  }
}
