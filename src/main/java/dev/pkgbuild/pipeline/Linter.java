package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.recipe.InputSpec;
import dev.pkgbuild.recipe.Recipe;
import dev.pkgbuild.recipe.RecipeLoader;
import dev.pkgbuild.recipe.StepSpec;
import dev.pkgbuild.recipe.SubpackageSpec;
import dev.pkgbuild.recipe.Text;
import dev.pkgbuild.recipe.VarTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Finds recipe problems that melange accepts but that make builds unsafe or confusing. */
public final class Linter {
  private final List<Path> pipelineDirs;
  private final PipelineResolver resolver;

  /** A linter resolving {@code uses:} like {@link RecipeCompiler} does. */
  public Linter(List<Path> pipelineDirs) {
    this.pipelineDirs = List.copyOf(pipelineDirs);
    this.resolver = new PipelineResolver(pipelineDirs);
  }

  /**
   * Lints {@code file}; a recipe that does not load or compile gives one error finding.
   *
   * @param file the recipe
   * @return findings sorted by position
   * @throws PkgbuildException when the file cannot be read at all
   */
  public List<Finding> lint(Path file) throws PkgbuildException {
    List<Finding> out = new ArrayList<>();
    Recipe r;
    try {
      r = RecipeLoader.load(file);
    } catch (PositionedException e) {
      return List.of(new Finding(e.pos(), true, e.bareMessage()));
    }
    Finding failed = compileAny(r);
    pkgChecks(r, out);
    unusedVars(r, out);
    for (StepSpec s : allSteps(r)) {
      stepChecks(s, out);
    }
    if (failed != null) {
      // The compiler's message is the more precise one for a place both look at.
      out.removeIf(f -> f.error() && f.pos().equals(failed.pos()));
      out.add(failed);
    }
    out.sort(Comparator.comparing((Finding f) -> f.pos().line()).thenComparing(f -> f.pos().column()));
    return out;
  }

  /** Compiles for the first arch the recipe builds for; the error it fails with, or null. */
  private Finding compileAny(Recipe r) throws PkgbuildException {
    Arch arch = Arch.X86_64;
    for (String t : r.pkg().targetArchitecture()) {
      if (Arch.find(t) != null) {
        arch = Arch.find(t);
        break;
      }
    }
    try {
      new RecipeCompiler(pipelineDirs).compile(r, arch, Map.of());
      return null;
    } catch (PositionedException e) {
      return new Finding(e.pos(), true, e.bareMessage());
    } catch (PkgbuildException e) {
      return new Finding(SourcePos.of(r.file()), true, e.getMessage());
    }
  }

  private static void pkgChecks(Recipe r, List<Finding> out) {
    if (r.pkg().copyright().stream().allMatch(c -> c.license().isBlank())) {
      out.add(new Finding(r.pkg().pos(), false, "package " + r.pkg().name().value() + " has no copyright license"));
    }
  }

  private static void unusedVars(Recipe r, List<Finding> out) {
    String text;
    try {
      text = Files.readString(r.file());
    } catch (IOException e) {
      return;
    }
    List<String> produced = new ArrayList<>(r.vars().keySet());
    for (String k : produced) {
      Pattern use = Pattern.compile("\\$\\{\\{\\s*vars\\." + Pattern.quote(k) + "\\s*}}");
      if (!use.matcher(text).find()) {
        out.add(new Finding(r.varsPos().get(k), false, "var '" + k + "' is never used"));
      }
    }
    for (VarTransform t : r.varTransforms()) {
      Pattern use = Pattern.compile("\\$\\{\\{\\s*vars\\." + Pattern.quote(t.to()) + "\\s*}}");
      if (!use.matcher(text).find()) {
        out.add(new Finding(t.pos(), false, "var-transform result '" + t.to() + "' is never used"));
      }
    }
  }

  private void stepChecks(StepSpec s, List<Finding> out) {
    if ("fetch".equals(s.uses()) && blank(s, "expected-sha256") && blank(s, "expected-sha512")) {
      out.add(new Finding(s.pos(), true, "fetch without expected-sha256 or expected-sha512"));
    }
    if ("git-checkout".equals(s.uses()) && blank(s, "expected-commit")) {
      // melange warns too: without it the checkout is whatever the tag or branch points at today.
      out.add(new Finding(s.pos(), false, "git-checkout without expected-commit"));
    }
    if (s.uses() == null) {
      return;
    }
    StepSpec def;
    try {
      def = resolver.resolve(s.uses(), s.pos());
    } catch (PkgbuildException e) {
      return; // the compile pass reports it
    }
    for (Map.Entry<String, Text> w : s.with().entrySet()) {
      InputSpec in = def.inputs().get(w.getKey());
      if (in != null && in.defaultValue() != null && !in.defaultValue().isEmpty()
          && in.defaultValue().equals(w.getValue().value())) {
        out.add(new Finding(s.withPos(w.getKey()), false, "input '" + w.getKey() + "' of " + s.uses()
            + " is set to its default '" + w.getValue().value() + "'; drop it"));
      }
    }
  }

  private static boolean blank(StepSpec s, String key) {
    Text v = s.with().get(key);
    return v == null || v.value().isBlank();
  }

  private static List<StepSpec> allSteps(Recipe r) {
    List<StepSpec> out = new ArrayList<>();
    collect(r.pipeline(), out);
    if (r.test() != null) {
      collect(r.test().pipeline(), out);
    }
    for (SubpackageSpec s : r.subpackages()) {
      collect(s.pipeline(), out);
      if (s.test() != null) {
        collect(s.test().pipeline(), out);
      }
    }
    return out;
  }

  private static void collect(List<StepSpec> steps, List<StepSpec> out) {
    for (StepSpec s : steps) {
      out.add(s);
      collect(s.pipeline(), out);
    }
  }
}
