package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole melange recipe as written, with positions; substitutions are not applied yet.
 *
 * @param file the file it was read from
 * @param pkg the package block
 * @param environment the build environment
 * @param vars raw vars, in file order
 * @param varsPos where each var is declared
 * @param varTransforms var transforms, in order
 * @param data range data by name
 * @param pipeline main steps
 * @param subpackages subpackages, in order
 * @param test the main package's test, or null
 * @param update the update block as plain values, or null
 * @param capabilities the capabilities block as plain values, or null
 * @param options build options by name, in file order; none is applied
 */
public record Recipe(Path file, PackageSpec pkg, EnvironmentSpec environment, Map<String, String> vars,
    Map<String, SourcePos> varsPos, List<VarTransform> varTransforms, Map<String, DataSet> data,
    List<StepSpec> pipeline, List<SubpackageSpec> subpackages, TestSpec test, Object update,
    Object capabilities, Map<String, BuildOption> options) {
  /** Copies the collections. */
  public Recipe {
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    varsPos = Map.copyOf(varsPos);
    varTransforms = List.copyOf(varTransforms);
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    pipeline = List.copyOf(pipeline);
    subpackages = List.copyOf(subpackages);
    options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }

  /** This recipe with other vars and build environment, as build inputs make it. */
  Recipe with(Map<String, String> newVars, Map<String, SourcePos> newVarsPos, EnvironmentSpec newEnvironment) {
    return new Recipe(file, pkg, newEnvironment, newVars, newVarsPos, varTransforms, data, pipeline, subpackages,
        test, update, capabilities, options);
  }
}
