package dev.pkgbuild.pipeline;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.recipe.Copyright;
import dev.pkgbuild.recipe.Dependencies;
import dev.pkgbuild.recipe.EnvironmentSpec;
import dev.pkgbuild.recipe.PackageChecks;
import dev.pkgbuild.recipe.PackageSpec;
import dev.pkgbuild.recipe.Recipe;
import dev.pkgbuild.recipe.Scriptlets;
import dev.pkgbuild.recipe.SubpackageSpec;
import dev.pkgbuild.recipe.Subst;
import dev.pkgbuild.recipe.TestSpec;
import dev.pkgbuild.recipe.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compiles the main package, each subpackage copy, their tests and the build environment. */
final class PackageCompiler {
  /** Defaults melange fills into an empty build environment. */
  static final Map<String, String> ENV_DEFAULTS = Map.of(
      "HOME", "/home/build",
      "GOPATH", "/home/build/.cache/go",
      "GOMODCACHE", "/var/cache/melange/gomodcache",
      "UV_CACHE_DIR", "/var/cache/melange/uv-cache",
      "PIP_CACHE_DIR", "/var/cache/melange/pip-cache",
      "COMPOSER_CACHE_DIR", "/var/cache/melange/composer-cache",
      "npm_config_cache", "/var/cache/melange/npm-cache");

  private final PipelineResolver resolver;
  private final Recipe recipe;
  private final Map<String, String> pre;
  private final Map<String, String> vars;
  private final Set<String> buildNeeds = new TreeSet<>();

  PackageCompiler(PipelineResolver resolver, Recipe recipe, Map<String, String> pre, Map<String, String> vars) {
    this.resolver = resolver;
    this.recipe = recipe;
    this.pre = pre;
    this.vars = vars;
  }

  CompiledPackage main() throws PkgbuildException {
    PackageSpec p = recipe.pkg();
    String name = p.name().value();
    Map<String, String> ctx = context(name, null);
    Scope scope = new Scope(pre, ctx, null, Map.of(), List.of());
    List<Step> steps = new StepCompiler(resolver, buildNeeds).compileAll(recipe.pipeline(), scope);
    return new CompiledPackage(name, p.version().value(), p.epoch(), Subst.exact(p.description(), pre),
        Subst.exact(p.url(), pre), Subst.exact(p.commit(), pre), copyright(p.copyright()),
        deps(p.dependencies(), pre, ctx), p.options(), scriptlets(p.scriptlets(), pre), p.disabledChecks(),
        steps, test(recipe.test(), name, pre, ctx), p.pos());
  }

  /** Compiles one subpackage copy; null when its {@code if} is false. */
  CompiledPackage subpackage(SubpackageSpec s, Map<String, String> range) throws PkgbuildException {
    Map<String, String> spre = new HashMap<>(pre);
    spre.putAll(range);
    PackageSpec p = recipe.pkg();
    String name = Subst.exact(s.name().value(), spre);
    PackageChecks.name(new Text(name, s.name().pos(), null));
    PackageChecks.fileName(name, p.version().value() + "-r" + p.epoch(), s.name());
    Map<String, String> ctx = context(name, range);
    if (s.ifCond() != null && !Condition.evaluate(s.ifCond(), withPre(ctx, spre))) {
      return null;
    }
    Scope scope = new Scope(spre, ctx, null, Map.of(), List.of());
    List<Step> steps = new StepCompiler(resolver, buildNeeds).compileAll(s.pipeline(), scope);
    String url = s.url().isEmpty() ? p.url() : s.url();
    String commit = s.commit().isEmpty() ? p.commit() : s.commit();
    return new CompiledPackage(name, p.version().value(), p.epoch(), Subst.exact(s.description(), spre),
        Subst.exact(url, spre), Subst.exact(commit, spre), copyright(p.copyright()),
        deps(s.dependencies(), spre, ctx), s.options(), scriptlets(s.scriptlets(), spre),
        s.disabledChecks(), steps, test(s.test(), name, spre, ctx), s.pos());
  }

  /** {@code ctx} with the parse-time names it lacks, for conditions, which see every name. */
  private static Map<String, String> withPre(Map<String, String> ctx, Map<String, String> spre) {
    Map<String, String> all = new HashMap<>(spre);
    all.putAll(ctx);
    return all;
  }

  /** The compile-time names for one package: its target dirs and context name. */
  private Map<String, String> context(String name, Map<String, String> range) {
    Map<String, String> m = new HashMap<>(vars);
    String main = recipe.pkg().name().value();
    m.put("targets.destdir", RecipeCompiler.OUTDIR + "/" + main);
    m.put("targets.contextdir", RecipeCompiler.OUTDIR + "/" + name);
    m.put("context.name", name);
    if (range != null) {
      m.put("subpkg.name", name);
      m.put("targets.subpkgdir", RecipeCompiler.OUTDIR + "/" + name);
      m.putAll(range);
    }
    return m;
  }

  CompiledEnvironment buildEnvironment(Map<String, String> extraEnv) throws PkgbuildException {
    Map<String, String> env = new LinkedHashMap<>(extraEnv);
    CompiledEnvironment declared = environment(recipe.environment(), pre, context(recipe.pkg().name().value(), null),
        buildNeeds, "environment");
    env.putAll(declared.environment());
    ENV_DEFAULTS.forEach(env::putIfAbsent);
    return new CompiledEnvironment(declared.packages(), declared.repositories(), declared.keyring(), env,
        declared.accounts());
  }

  private CompiledTest test(TestSpec t, String pkg, Map<String, String> spre, Map<String, String> ctx)
      throws PkgbuildException {
    if (t == null) {
      return null;
    }
    Set<String> needs = new TreeSet<>();
    needs.add(pkg);
    Scope scope = new Scope(spre, ctx, null, Map.of(), List.of());
    List<Step> steps = new StepCompiler(resolver, needs).compileAll(t.pipeline(), scope);
    return new CompiledTest(environment(t.environment(), spre, ctx, needs, "test environment"), steps);
  }

  /** Substitutes an environment block (melange skips that; we expand it) and adds the needs. */
  private static CompiledEnvironment environment(EnvironmentSpec e, Map<String, String> spre, Map<String, String> ctx,
      Set<String> needs, String what) throws PositionedException {
    Set<String> packages = new TreeSet<>(needs);
    packages.addAll(atoms(e.packages(), spre, ctx, what + " packages"));
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, Text> v : e.environment().entrySet()) {
      env.put(v.getKey(), strict(v.getValue(), spre, ctx, what));
    }
    List<String> repositories = new ArrayList<>();
    for (String r : e.repositories()) {
      repositories.add(strict(Text.of(r, e.pos()), spre, ctx, what));
    }
    List<String> keyring = new ArrayList<>();
    for (String k : e.keyring()) {
      keyring.add(strict(Text.of(k, e.pos()), spre, ctx, what));
    }
    return new CompiledEnvironment(new ArrayList<>(packages), repositories, keyring, env, e.accounts());
  }

  private static CompiledDependencies deps(Dependencies d, Map<String, String> spre, Map<String, String> ctx)
      throws PositionedException {
    return new CompiledDependencies(atoms(d.runtime(), spre, ctx, "runtime dependencies"),
        atoms(d.provides(), spre, ctx, "provides"), atoms(d.replaces(), spre, ctx, "replaces"),
        priority(d.providerPriority(), spre, ctx), priority(d.replacesPriority(), spre, ctx));
  }

  /** A priority after substitution (Wolfi ranges over them), as an integer. */
  private static Integer priority(Text p, Map<String, String> spre, Map<String, String> ctx)
      throws PositionedException {
    if (p == null) {
      return null;
    }
    String v = strict(p, spre, ctx, "priority").strip();
    if (v.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw new PositionedException(p.pos(), "priority must be an integer, found '" + v + "'");
    }
  }

  /** Each item after substitution, checked as one atom by the one atom parser. */
  private static List<String> atoms(List<Text> in, Map<String, String> spre, Map<String, String> ctx, String what)
      throws PositionedException {
    List<String> out = new ArrayList<>();
    for (Text t : in) {
      String atom = strict(t, spre, ctx, what);
      try {
        Dependency.parse(atom);
      } catch (PkgbuildException e) {
        throw new PositionedException(t.pos(), e.getMessage() + " in " + what);
      }
      out.add(atom);
    }
    return out;
  }

  private static String strict(Text t, Map<String, String> spre, Map<String, String> ctx, String what)
      throws PositionedException {
    try {
      return Subst.strict(Subst.exact(t.value(), spre), ctx);
    } catch (Subst.UnknownName e) {
      throw new PositionedException(t.posOf(e.name()), e.getMessage() + " in " + what);
    }
  }

  private List<Copyright> copyright(List<Copyright> in) {
    List<Copyright> out = new ArrayList<>();
    for (Copyright c : in) {
      out.add(new Copyright(Subst.exact(c.license(), pre), Subst.exact(c.licensePath(), pre), c.paths(),
          c.attestation(), c.pos()));
    }
    return out;
  }

  private static Scriptlets scriptlets(Scriptlets s, Map<String, String> spre) {
    Map<String, String> out = new LinkedHashMap<>();
    s.scripts().forEach((k, v) -> out.put(k, Subst.exact(v, spre)));
    return new Scriptlets(out, s.triggerPaths().stream().map(p -> Subst.exact(p, spre)).toList());
  }
}
