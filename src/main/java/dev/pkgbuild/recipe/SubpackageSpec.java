package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * One {@code subpackages} entry as written (before ranges are expanded).
 *
 * @param name name, may hold substitutions
 * @param range data name to expand over, or null (also for an empty {@code range}, as in melange)
 * @param ifCond condition, or null
 * @param description description, or ""
 * @param url url, or ""
 * @param commit commit, or ""
 * @param dependencies declared dependencies
 * @param options generated-metadata switches
 * @param scriptlets install scripts
 * @param disabledChecks linters turned off
 * @param annotations free annotations
 * @param setcap capability entries as plain values
 * @param pipeline steps that fill the subpackage
 * @param test test block, or null
 * @param pos where the entry starts
 */
public record SubpackageSpec(Text name, String range, Text ifCond, String description, String url,
    String commit, Dependencies dependencies, PackageOptions options, Scriptlets scriptlets,
    List<String> disabledChecks, Map<String, String> annotations, Object setcap, List<StepSpec> pipeline,
    TestSpec test, SourcePos pos) {
  /** Copies the collections. */
  public SubpackageSpec {
    disabledChecks = List.copyOf(disabledChecks);
    annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    pipeline = List.copyOf(pipeline);
  }
}
