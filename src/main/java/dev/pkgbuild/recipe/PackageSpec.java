package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * The {@code package} block as written.
 *
 * @param name package name, checked against melange's name pattern
 * @param version upstream version, checked against the apk version grammar
 * @param epoch release number, 0 to {@link #MAX_EPOCH}
 * @param description one-line description, or ""
 * @param url project home, or ""
 * @param commit source commit, or ""
 * @param copyright license entries
 * @param dependencies declared dependencies
 * @param options generated-metadata switches
 * @param scriptlets install scripts
 * @param disabledChecks linters turned off
 * @param targetArchitecture arches the recipe builds for (empty or "all" means every one)
 * @param resources build resources as plain values
 * @param testResources test resources as plain values
 * @param annotations free annotations
 * @param cpe CPE fields as plain values
 * @param setcap capability entries as plain values
 * @param timeout build timeout text, or null
 * @param pos where the block starts
 */
public record PackageSpec(Text name, Text version, int epoch, String description, String url, String commit,
    List<Copyright> copyright, Dependencies dependencies, PackageOptions options, Scriptlets scriptlets,
    List<String> disabledChecks, List<String> targetArchitecture, Map<String, String> resources,
    Map<String, String> testResources, Map<String, String> annotations, Map<String, String> cpe,
    Object setcap, String timeout, SourcePos pos) {
  /** The largest epoch accepted: apk epochs count rebuilds of one version, so they stay small. */
  public static final int MAX_EPOCH = 99_999;

  /** Copies the collections. */
  public PackageSpec {
    copyright = List.copyOf(copyright);
    disabledChecks = List.copyOf(disabledChecks);
    targetArchitecture = List.copyOf(targetArchitecture);
    resources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resources));
    testResources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(testResources));
    annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    cpe = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cpe));
  }
}
