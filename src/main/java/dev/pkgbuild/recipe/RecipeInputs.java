package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the command line changes in a recipe before anything is substituted: a vars file
 * ({@code --vars-file}) and the build options it enables ({@code --build-option}).
 *
 * @param buildOptions names of the recipe's {@code options:} to apply, in order
 * @param varsFile a YAML mapping of var name to value merged over the recipe's vars, or null
 */
public record RecipeInputs(List<String> buildOptions, Path varsFile) {
  /** Nothing changed: the recipe as written. */
  public static final RecipeInputs NONE = new RecipeInputs(List.of(), null);

  /** Copies the list. */
  public RecipeInputs {
    buildOptions = buildOptions == null ? List.of() : List.copyOf(buildOptions);
  }

  /** Whether this changes nothing. */
  public boolean isEmpty() {
    return buildOptions.isEmpty() && varsFile == null;
  }

  /**
   * {@code r} with the vars file merged over its vars, then each enabled option applied in the
   * order given: later values win, as in melange. An option adds its packages before it removes.
   *
   * @throws PkgbuildException when the vars file is unreadable or not a mapping of strings, or
   *     an option is not declared by the recipe
   */
  public Recipe applyTo(Recipe r) throws PkgbuildException {
    if (isEmpty()) {
      return r;
    }
    List<BuildOption> enabled = new ArrayList<>();
    for (String name : buildOptions) {
      BuildOption o = r.options().get(name);
      if (o == null) {
        throw PkgbuildException.badInput(r.file() + ": recipe " + r.pkg().name().value() + " has no build option '"
            + name + "'" + (r.options().isEmpty() ? "" : " (it has: " + String.join(", ", r.options().keySet()) + ")"));
      }
      enabled.add(o);
    }
    Map<String, String> vars = new LinkedHashMap<>(r.vars());
    Map<String, SourcePos> varsPos = new HashMap<>(r.varsPos());
    if (varsFile != null) {
      readVars(varsFile, vars, varsPos);
    }
    List<Text> packages = new ArrayList<>(r.environment().packages());
    for (BuildOption o : enabled) {
      vars.putAll(o.vars());
      varsPos.putAll(o.varsPos());
      packages.addAll(o.add());
      for (Text gone : o.remove()) {
        packages.removeIf(p -> p.value().equals(gone.value()));
      }
    }
    EnvironmentSpec e = r.environment();
    return r.with(vars, varsPos, new EnvironmentSpec(e.repositories(), e.keyring(), packages, e.environment(),
        e.accounts(), e.other(), e.pos()));
  }

  /** Reads {@code file}, a mapping of var name to scalar, into {@code vars}, each at its key. */
  private static void readVars(Path file, Map<String, String> vars, Map<String, SourcePos> varsPos)
      throws PkgbuildException {
    String text = Yaml.read(file);
    Fields.of(new Document(file, text), Yaml.compose(file, text), "vars file", null).putStrings(vars, varsPos);
  }
}
