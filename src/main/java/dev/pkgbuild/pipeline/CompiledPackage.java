package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.recipe.Copyright;
import dev.pkgbuild.recipe.PackageOptions;
import dev.pkgbuild.recipe.Scriptlets;
import java.util.List;

/**
 * The main package or one subpackage, compiled for one arch. Subpackages carry the main
 * package's version and epoch.
 *
 * @param name package name
 * @param version upstream version
 * @param epoch release number
 * @param description description
 * @param url project home, or ""
 * @param commit source commit, or ""
 * @param copyright license entries (the main package's, for subpackages too)
 * @param dependencies declared dependencies after substitution
 * @param options generated-metadata switches
 * @param scriptlets install scripts after substitution
 * @param disabledChecks linters turned off
 * @param pipeline compiled steps
 * @param test compiled test, or null
 * @param pos where the package or subpackage is written
 */
public record CompiledPackage(String name, String version, long epoch, String description, String url, String commit,
    List<Copyright> copyright, CompiledDependencies dependencies, PackageOptions options, Scriptlets scriptlets,
    List<String> disabledChecks, List<Step> pipeline, CompiledTest test, SourcePos pos) {
  /** Copies the lists. */
  public CompiledPackage {
    copyright = List.copyOf(copyright);
    disabledChecks = List.copyOf(disabledChecks);
    pipeline = List.copyOf(pipeline);
  }

  /** {@code version-rEPOCH}, as apk writes it. */
  public String fullVersion() {
    return version + "-r" + epoch;
  }
}
