package dev.pkgbuild.env;

import dev.pkgbuild.apk.IndexEntry;
import java.util.Objects;

/** A package the resolver chose, and the repository it is to be installed from. */
public record ResolvedPackage(IndexEntry entry, RepositoryIndex repository) {
  public ResolvedPackage {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(repository, "repository");
  }

  /** {@code name-version}, as apk names a package in messages. */
  public String nameVersion() {
    return entry.name() + "-" + entry.version();
  }

  /** The name as apk prints it in a transaction: {@code name@tag} when it comes from a tagged repository. */
  public String displayName() {
    return repository.tag() == null ? entry.name() : entry.name() + "@" + repository.tag();
  }
}
