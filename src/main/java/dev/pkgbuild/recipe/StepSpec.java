package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * A pipeline step as written, before compilation. Pipeline definition files use the same
 * shape, adding {@code inputs} and {@code needs}.
 *
 * @param name display name, or null
 * @param uses pipeline to include, or null
 * @param with inputs passed to {@code uses}, in file order
 * @param runs shell script, or null
 * @param pipeline nested steps
 * @param ifCond condition, or null
 * @param workingDirectory directory, or null
 * @param environment extra variables (names checked when read)
 * @param inputs declared inputs (pipeline definitions)
 * @param needs packages the step needs
 * @param label free label, or null
 * @param requiredSteps {@code assertions.required-steps}, or null
 * @param pos where the step starts
 * @param withPos position of each {@code with} key, plus "" for the {@code with} key itself
 */
public record StepSpec(String name, String uses, Map<String, Text> with, Text runs, List<StepSpec> pipeline,
    Text ifCond, Text workingDirectory, Map<String, Text> environment, Map<String, InputSpec> inputs,
    List<Text> needs, String label, Integer requiredSteps, SourcePos pos, Map<String, SourcePos> withPos) {
  /** Copies the collections. */
  public StepSpec {
    with = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
    pipeline = List.copyOf(pipeline);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    needs = List.copyOf(needs);
    withPos = Map.copyOf(withPos);
  }

  /** The position of {@code with} key {@code k}, else of the {@code with} key, else of the step. */
  public SourcePos withPos(String k) {
    return withPos.getOrDefault(k, withPos.getOrDefault("", pos));
  }
}
