package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * A compiled step: every substitution applied, {@code uses} inlined, false {@code if}s dropped.
 *
 * @param name display name, or null
 * @param uses the pipeline this step inlines, or null for a {@code runs} step
 * @param with every declared input of {@code uses} after defaults and substitution
 * @param runs the shell script, or null
 * @param workingDirectory directory to run in (inherited by children), or null
 * @param environment extra variables (inherited by children)
 * @param children nested steps, run after {@code runs}
 * @param host the typed inputs of a step pkgbuild performs itself ({@code fetch}, {@code git-checkout}), or null
 * @param pos where the step is written
 */
public record Step(String name, String uses, Map<String, String> with, String runs, String workingDirectory,
    Map<String, String> environment, List<Step> children, HostStep host, SourcePos pos) {
  /** Copies the collections. */
  public Step {
    with = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    children = List.copyOf(children);
  }

  /** The name, else the pipeline used, else the first line of the script. */
  public String displayName() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    if (uses != null) {
      return uses;
    }
    return runs == null ? "(empty step)" : runs.strip().split("\n", 2)[0];
  }
}
