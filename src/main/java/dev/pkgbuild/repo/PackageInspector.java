package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Path;

/**
 * Reads one package file into its index record, checking it on the way. The repository reads
 * packages only through this, so a test can count what an update reads.
 */
@FunctionalInterface
public interface PackageInspector {
  /** The index record of {@code apk}. @throws PkgbuildException when the package does not verify */
  IndexEntry inspect(Path apk) throws PkgbuildException;

  /** Verifies signature, datahash and structure against {@code keys}, then makes the record. */
  static PackageInspector verifying(TrustedKeys keys) {
    return apk -> {
      ApkVerifier.Result r = ApkVerifier.verify(apk, keys);
      if (!r.ok()) {
        throw PkgbuildException.badInput(apk + ": " + String.join("; ", r.problems()));
      }
      return r.contents().indexEntry();
    };
  }
}
