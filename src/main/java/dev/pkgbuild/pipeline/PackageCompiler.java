package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.recipe.Copyright;
import dev.pkgbuild.recipe.Dependencies;
import dev.pkgbuild.recipe.EnvironmentSpec;
import dev.pkgbuild.recipe.PackageSpec;
import dev.pkgbuild.recipe.Recipe;
import dev.pkgbuild.recipe.Scriptlets;
import dev.pkgbuild.recipe.SubpackageSpec;
import dev.pkgbuild.recipe.Subst;
import dev.pkgbuild.recipe.TestSpec;
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
    Map<String, String> ctx = context(checkName(p.name(), p.pos()), null);
    Scope scope = new Scope(pre, ctx, null, Map.of(), List.of());
    List<Step> steps = new StepCompiler(resolver, buildNeeds).compileAll(recipe.pipeline(), scope);
    return new CompiledPackage(p.name(), p.version(), Long.parseLong(p.epoch()), Subst.exact(p.description(), pre),
        Subst.exact(p.url(), pre), Subst.exact(p.commit(), pre), copyright(p.copyright()),
        deps(p.dependencies(), pre, ctx, p.pos()), p.options(), scriptlets(p.scriptlets(), pre), p.disabledChecks(),
        steps, test(recipe.test(), p.name(), pre, ctx), p.pos());
  }

  /** Compiles one subpackage copy; null when its {@code if} is false. */
  CompiledPackage subpackage(SubpackageSpec s, Map<String, String> range) throws PkgbuildException {
    Map<String, String> spre = new HashMap<>(pre);
    spre.putAll(range);
    String name = checkName(Subst.exact(s.name(), spre), s.pos());
    Map<String, String> ctx = context(name, range);
    if (!Condition.evaluate(Subst.exact(s.ifCond(), spre), ctx, s.pos())) {
      return null;
    }
    Scope scope = new Scope(spre, ctx, null, Map.of(), List.of());
    List<Step> steps = new StepCompiler(resolver, buildNeeds).compileAll(s.pipeline(), scope);
    PackageSpec p = recipe.pkg();
    String url = s.url().isEmpty() ? p.url() : s.url();
    String commit = s.commit().isEmpty() ? p.commit() : s.commit();
    return new CompiledPackage(name, p.version(), Long.parseLong(p.epoch()), Subst.exact(s.description(), spre),
        Subst.exact(url, spre), Subst.exact(commit, spre), copyright(p.copyright()),
        deps(s.dependencies(), spre, ctx, s.pos()), s.options(), scriptlets(s.scriptlets(), spre),
        s.disabledChecks(), steps, test(s.test(), name, spre, ctx), s.pos());
  }

  /** The compile-time names for one package: its target dirs and context name. */
  private Map<String, String> context(String name, Map<String, String> range) {
    Map<String, String> m = new HashMap<>(vars);
    String main = recipe.pkg().name();
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
    CompiledEnvironment declared = environment(recipe.environment(), pre, context(recipe.pkg().name(), null),
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
    packages.addAll(strictAll(e.packages(), spre, ctx, e.pos(), what));
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, String> v : e.environment().entrySet()) {
      env.put(v.getKey(), strict(v.getValue(), spre, ctx, e.pos(), what));
    }
    return new CompiledEnvironment(new ArrayList<>(packages), strictAll(e.repositories(), spre, ctx, e.pos(), what),
        strictAll(e.keyring(), spre, ctx, e.pos(), what), env, e.accounts());
  }

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z\\d][a-zA-Z\\d+_.-]*");

  /** Package names as melange accepts them, checked after substitution. */
  static String checkName(String name, SourcePos pos) throws PositionedException {
    if (!NAME.matcher(name).matches()) {
      throw new PositionedException(pos, "invalid package name '" + name + "'");
    }
    return name;
  }

  private static Dependencies deps(Dependencies d, Map<String, String> spre, Map<String, String> ctx, SourcePos pos)
      throws PositionedException {
    for (String p : java.util.Arrays.asList(d.providerPriority(), d.replacesPriority())) {
      if (p != null && !strict(p, spre, ctx, pos, "priority").strip().matches("-?\\d+")) {
        throw new PositionedException(pos, "priority must be an integer, found '" + p + "'");
      }
    }
    return new Dependencies(strictAll(d.runtime(), spre, ctx, pos, "dependencies"),
        strictAll(d.provides(), spre, ctx, pos, "dependencies"), strictAll(d.replaces(), spre, ctx, pos, "dependencies"),
        strict(d.providerPriority(), spre, ctx, pos, "provider-priority"),
        strict(d.replacesPriority(), spre, ctx, pos, "replaces-priority"));
  }

  private static List<String> strictAll(List<String> in, Map<String, String> spre, Map<String, String> ctx,
      SourcePos pos, String what) throws PositionedException {
    List<String> out = new ArrayList<>();
    for (String s : in) {
      out.add(strict(s, spre, ctx, pos, what));
    }
    return out;
  }

  private static String strict(String s, Map<String, String> spre, Map<String, String> ctx, SourcePos pos,
      String what) throws PositionedException {
    try {
      return Subst.strict(Subst.exact(s, spre), ctx);
    } catch (Subst.UnknownName e) {
      throw new PositionedException(pos, e.getMessage() + " in " + what);
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
