package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.recipe.DataSet;
import dev.pkgbuild.recipe.PackageSpec;
import dev.pkgbuild.recipe.Recipe;
import dev.pkgbuild.recipe.RecipeInputs;
import dev.pkgbuild.recipe.RecipeLoader;
import dev.pkgbuild.recipe.SubpackageSpec;
import dev.pkgbuild.recipe.Subst;
import dev.pkgbuild.recipe.VarTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a recipe into what a build runs, for one arch, in melange's order: the parse-time
 * names and var-transforms, then ranges, then the compile-time names per package.
 */
public final class RecipeCompiler {
  /** Where the sources are unpacked inside the build environment. */
  public static final String SRCDIR = "/home/build";
  /** Where each package's tree is assembled: {@code OUTDIR/<name>}. */
  public static final String OUTDIR = "/home/build/melange-out";

  private final PipelineResolver resolver;

  /** A compiler that resolves {@code uses:} in {@code pipelineDirs}, then the built-in catalog. */
  public RecipeCompiler(List<Path> pipelineDirs) {
    this.resolver = new PipelineResolver(pipelineDirs);
  }

  /**
   * Loads and compiles {@code recipeFile}, as written, for {@code arch}.
   *
   * @param recipeFile the recipe
   * @param arch the target arch
   * @param extraEnv build variables placed under the recipe's own (for example from an env file)
   * @return the compiled recipe
   * @throws PkgbuildException when the recipe or a pipeline it uses is invalid
   */
  public CompiledRecipe compile(Path recipeFile, Arch arch, Map<String, String> extraEnv) throws PkgbuildException {
    return compile(RecipeLoader.load(recipeFile), arch, extraEnv);
  }

  /**
   * Loads {@code recipeFile}, applies {@code inputs} (vars file, build options) and compiles it.
   *
   * @throws PkgbuildException when the recipe, the inputs or a pipeline it uses is invalid
   */
  public CompiledRecipe compile(Path recipeFile, Arch arch, Map<String, String> extraEnv, RecipeInputs inputs)
      throws PkgbuildException {
    return compile(RecipeLoader.load(recipeFile), arch, extraEnv, inputs);
  }

  /** Compiles an already loaded recipe; see {@link #compile(Path, Arch, Map)}. */
  public CompiledRecipe compile(Recipe r, Arch arch, Map<String, String> extraEnv) throws PkgbuildException {
    return compile(r, arch, extraEnv, RecipeInputs.NONE);
  }

  /** Compiles an already loaded recipe with {@code inputs} applied first; see {@link #compile(Path, Arch, Map, RecipeInputs)}. */
  public CompiledRecipe compile(Recipe written, Arch arch, Map<String, String> extraEnv, RecipeInputs inputs)
      throws PkgbuildException {
    Recipe r = inputs.applyTo(written);
    checkArch(r, arch);
    Map<String, String> pre = parseTimeMap(r);
    List<Ranged> subs = expandRanges(r);
    Map<String, String> vars = compileTimeMap(r, pre, subs, arch, inputs.buildOptions());
    PackageCompiler pc = new PackageCompiler(resolver, r, pre, vars);
    CompiledPackage main = pc.main();
    List<CompiledPackage> compiled = new ArrayList<>();
    for (Ranged s : subs) {
      CompiledPackage p = pc.subpackage(s.spec(), s.range());
      if (p != null) {
        compiled.add(p);
      }
    }
    checkUnique(main, compiled);
    CompiledEnvironment env = pc.buildEnvironment(extraEnv);
    return new CompiledRecipe(r.file(), arch, main, compiled, env, main.test(), inputs.buildOptions());
  }

  /** Two outputs of one name would overwrite each other's package file: refused at the second one. */
  private static void checkUnique(CompiledPackage main, List<CompiledPackage> subs) throws PositionedException {
    Map<String, CompiledPackage> seen = new HashMap<>();
    seen.put(main.name(), main);
    for (CompiledPackage p : subs) {
      CompiledPackage first = seen.putIfAbsent(p.name(), p);
      if (first != null) {
        throw new PositionedException(p.pos(), "duplicate package name '" + p.name() + "' ("
            + (first == main ? "the main package" : "first") + " at " + first.pos() + ")");
      }
    }
  }

  /** A subpackage copy for one range key (or the subpackage itself, with an empty range). */
  record Ranged(SubpackageSpec spec, Map<String, String> range) {}

  /** Whether {@code r} builds for {@code arch}: its {@code target-architecture} is empty, {@code all} or names it. */
  public static boolean buildsFor(Recipe r, Arch arch) {
    List<String> targets = r.pkg().targetArchitecture();
    return targets.isEmpty() || targets.contains("all") || targets.stream().anyMatch(t -> Arch.find(t) == arch);
  }

  private static void checkArch(Recipe r, Arch arch) throws PkgbuildException {
    if (buildsFor(r, arch)) {
      return;
    }
    List<String> targets = r.pkg().targetArchitecture();
    Arch supported = targets.stream().map(Arch::find).filter(a -> a != null).findFirst().orElse(null);
    String only = String.join(", ", targets);
    throw PkgbuildException.badInput(r.file() + ": recipe " + r.pkg().name().value() + " builds only for " + only
        + (supported == null ? ", which pkgbuild does not support" : "; pass --arch " + supported));
  }

  /** package.*, raw vars, then each var-transform in list order (later ones see earlier ones). */
  static Map<String, String> parseTimeMap(Recipe r) throws PositionedException {
    PackageSpec p = r.pkg();
    Map<String, String> m = new HashMap<>();
    m.put("package.name", p.name().value());
    m.put("package.version", p.version().value());
    m.put("package.description", p.description());
    m.put("package.epoch", Integer.toString(p.epoch()));
    m.put("package.full-version", p.version().value() + "-r" + p.epoch());
    r.vars().forEach((k, v) -> m.put("vars." + k, v));
    for (VarTransform t : r.varTransforms()) {
      String from;
      try {
        from = Subst.strict(t.from().value(), m);
      } catch (Subst.UnknownName e) {
        throw new PositionedException(t.from().posOf(e.name()), e.getMessage() + " in var-transforms 'from'");
      }
      m.put("vars." + t.to(), transform(t, from));
    }
    return m;
  }

  private static String transform(VarTransform t, String from) throws PositionedException {
    Pattern p;
    java.util.Set<String> names = new java.util.HashSet<>();
    // Go spells named groups (?P<name>...); Java accepts only (?<name>...).
    String regex = t.match().replace("(?P<", "(?<");
    java.util.regex.Matcher named = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>").matcher(regex);
    while (named.find()) {
      names.add(named.group(1));
    }
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new PositionedException(t.matchPos(), "invalid regex '" + t.match() + "' in var-transforms: "
          + e.getDescription().toLowerCase(java.util.Locale.ROOT));
    }
    try {
      java.util.regex.Matcher m = p.matcher(from);
      return m.replaceAll(Subst.goReplacement(t.replace(), m.groupCount(), names));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new PositionedException(t.pos(), "invalid replace '" + t.replace() + "' in var-transforms: "
          + e.getMessage());
    }
  }

  /** One copy per data key, keys sorted, as melange does; unranged subpackages pass through. */
  static List<Ranged> expandRanges(Recipe r) throws PositionedException {
    List<Ranged> out = new ArrayList<>();
    for (SubpackageSpec s : r.subpackages()) {
      if (s.range() == null) {
        out.add(new Ranged(s, Map.of()));
        continue;
      }
      DataSet d = r.data().get(s.range());
      if (d == null) {
        throw new PositionedException(s.pos(), "range '" + s.range() + "' names no data entry"
            + (r.data().isEmpty() ? "" : " (have: " + String.join(", ", r.data().keySet()) + ")"));
      }
      for (Map.Entry<String, String> e : new TreeMap<>(d.items()).entrySet()) {
        out.add(new Ranged(s, Map.of("range.key", e.getKey(), "range.value", e.getValue())));
      }
    }
    return out;
  }

  private static Map<String, String> compileTimeMap(Recipe r, Map<String, String> pre, List<Ranged> subs, Arch arch,
      List<String> enabled) {
    Map<String, String> m = new HashMap<>(pre);
    m.remove("package.description");
    m.put("package.srcdir", SRCDIR);
    m.put("targets.outdir", OUTDIR);
    m.put("build.arch", arch.apkName());
    m.put("build.goarch", arch.goName());
    m.put("host.triplet.gnu", arch.gnuTriplet());
    m.put("host.triplet.rust", arch.rustTriplet());
    for (String libc : List.of("glibc", "musl")) {
      m.put("cross.triplet.gnu." + libc, arch.gnuTriplet(libc.equals("glibc") ? "gnu" : "musl"));
      m.put("cross.triplet.rust." + libc, arch.rustTriplet(libc.equals("glibc") ? "gnu" : "musl"));
    }
    m.put("targets.package." + r.pkg().name().value(), OUTDIR + "/" + r.pkg().name().value());
    for (Ranged s : subs) {
      Map<String, String> withRange = new HashMap<>(pre);
      withRange.putAll(s.range());
      String name = Subst.exact(s.spec().name().value(), withRange);
      m.put("targets.package." + name, OUTDIR + "/" + name);
    }
    r.options().keySet().forEach(k -> m.put("options." + k + ".enabled", "false"));
    enabled.forEach(k -> m.put("options." + k + ".enabled", "true"));
    return m;
  }
}
