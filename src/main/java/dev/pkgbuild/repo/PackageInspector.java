package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkContents;
import dev.pkgbuild.apk.ApkReader;
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

  /**
   * For a package this process just wrote: its signature over the control member against
   * {@code keys} and its compressed data against {@code datahash}, read back from the disk
   * without inflating the data again (the tar inside is the writer's, which its tests prove).
   */
  static PackageInspector ownOutput(TrustedKeys keys) {
    return apk -> {
      ApkVerifier.Result r = ApkVerifier.verify(ApkReader.head(apk), keys);
      if (!r.ok()) {
        throw PkgbuildException.badInput(apk + ": " + String.join("; ", r.problems()));
      }
      return r.contents().indexEntry();
    };
  }

  /**
   * Checks structure and datahash only, whoever signed the package: what {@code pkgbuild index}
   * uses for folders of packages from elsewhere.
   */
  static PackageInspector structural() {
    return apk -> {
      ApkContents c = ApkReader.read(apk);
      if (!c.problems().isEmpty()) {
        throw PkgbuildException.badInput(apk + ": " + String.join("; ", c.problems()));
      }
      return c.indexEntry();
    };
  }
}
