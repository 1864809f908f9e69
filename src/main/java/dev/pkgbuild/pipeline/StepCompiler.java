package dev.pkgbuild.pipeline;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.recipe.InputSpec;
import dev.pkgbuild.recipe.StepSpec;
import dev.pkgbuild.recipe.Subst;
import dev.pkgbuild.recipe.Suggest;
import dev.pkgbuild.recipe.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles steps: conditions, {@code uses} inlining with inputs, substitutions, needs. */
final class StepCompiler {
  private final PipelineResolver resolver;
  private final Set<String> needs;

  /** Collects the needs of every step that runs into {@code needs}. */
  StepCompiler(PipelineResolver resolver, Set<String> needs) {
    this.resolver = resolver;
    this.needs = needs;
  }

  List<Step> compileAll(List<StepSpec> specs, Scope scope) throws PkgbuildException {
    List<Step> out = new ArrayList<>();
    for (StepSpec s : specs) {
      Step step = compile(s, scope);
      if (step != null) {
        out.add(step);
      }
    }
    return out;
  }

  private Step compile(StepSpec s, Scope sc) throws PkgbuildException {
    if (s.ifCond() != null && !Condition.evaluate(s.ifCond(), sc.conditionVars())) {
      return null;
    }
    String wd = s.workingDirectory() == null ? sc.workingDirectory()
        : strict(s.workingDirectory(), sc.pre(), sc.vars(), s, "working-directory");
    Map<String, String> env = new LinkedHashMap<>(sc.environment());
    for (Map.Entry<String, Text> e : s.environment().entrySet()) {
      env.put(e.getKey(), strict(e.getValue(), sc.pre(), sc.vars(), s, "environment"));
    }
    if (s.uses() != null) {
      return compileUses(s, sc, wd, env);
    }
    addNeeds(s, sc.pre(), sc.vars());
    String runs = strict(s.runs(), sc.pre(), sc.vars(), s, "runs");
    List<Step> children = compileAll(s.pipeline(), sc.inside(wd, env));
    return new Step(name(s.name(), sc), null, Map.of(), runs, wd, env, children, null, s.pos());
  }

  private Step compileUses(StepSpec s, Scope sc, String wd, Map<String, String> env) throws PkgbuildException {
    String uses = s.uses();
    if (sc.chain().contains(uses)) {
      List<String> chain = new ArrayList<>(sc.chain().subList(sc.chain().indexOf(uses), sc.chain().size()));
      chain.add(uses);
      throw new PositionedException(s.pos(), "recursive pipeline include: " + String.join(" -> ", chain));
    }
    StepSpec def = resolver.resolve(uses, s.pos());
    Map<String, String> with = inputs(s, def, sc);
    Map<String, String> vars = new HashMap<>(sc.vars());
    with.forEach((k, v) -> vars.put("inputs." + k, v));
    if (!Condition.evaluate(def.ifCond(), vars)) {
      return null;
    }
    addNeeds(def, Map.of(), vars);
    String runs = strict(def.runs(), Map.of(), vars, def, "runs of pipeline '" + uses + "'");
    String innerWd = def.workingDirectory() == null ? wd
        : strict(def.workingDirectory(), Map.of(), vars, def, "working-directory");
    Map<String, String> innerEnv = new LinkedHashMap<>(env);
    for (Map.Entry<String, Text> e : def.environment().entrySet()) {
      innerEnv.put(e.getKey(), strict(e.getValue(), Map.of(), vars, def, "environment"));
    }
    List<String> chain = new ArrayList<>(sc.chain());
    chain.add(uses);
    Scope inner = new Scope(Map.of(), vars, innerWd, innerEnv, chain);
    List<Step> children = compileAll(def.pipeline(), inner);
    String name = s.name() != null ? name(s.name(), sc) : def.name();
    HostStep host = HostStepCompiler.compile(s, with, innerWd);
    return new Step(name, uses, with, runs, innerWd, innerEnv, children, host, s.pos());
  }

  /** Checks {@code with} against the declared inputs, applies defaults, then substitutes once. */
  private Map<String, String> inputs(StepSpec s, StepSpec def, Scope sc) throws PkgbuildException {
    for (String k : s.with().keySet()) {
      if (!def.inputs().containsKey(k)) {
        throw new PositionedException(s.withPos(k), "unknown input '" + k + "' for pipeline '" + s.uses() + "'"
            + Suggest.didYouMean(k, def.inputs().keySet()));
      }
    }
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<String, InputSpec> e : def.inputs().entrySet()) {
      String v = Subst.exact(Text.value(s.with().get(e.getKey())), sc.pre());
      if (v == null || v.isEmpty()) {
        v = e.getValue().defaultValue() == null ? "" : e.getValue().defaultValue();
      }
      if (v.isEmpty() && e.getValue().required()) {
        throw new PositionedException(s.withPos(""),
            "missing required input '" + e.getKey() + "' for pipeline '" + s.uses() + "'");
      }
      raw.put(e.getKey(), v);
    }
    return substituted(s, def, raw, sc);
  }

  /** melange's strict pass over the inputs, which see each other as {@code inputs.*}. */
  private static Map<String, String> substituted(StepSpec s, StepSpec def, Map<String, String> raw, Scope sc)
      throws PositionedException {
    Map<String, String> scope = new HashMap<>(sc.vars());
    raw.forEach((k, v) -> scope.put("inputs." + k, v));
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      Text written = s.with().get(e.getKey());
      Text text = written != null ? written : Text.of(e.getValue(), def.inputs().get(e.getKey()).pos());
      String v;
      try {
        v = Subst.strict(e.getValue(), scope);
      } catch (Subst.UnknownName u) {
        throw new PositionedException(text.posOf(u.name()), u.getMessage() + " in input '" + e.getKey()
            + "' of step '" + label(s) + "'");
      }
      checkDigest(s, e.getKey(), v);
      out.put(e.getKey(), v);
    }
    return out;
  }

  private static void checkDigest(StepSpec s, String key, String v) throws PositionedException {
    int want = switch (key) {
      case "expected-sha256" -> 64;
      case "expected-sha512" -> 128;
      case "expected-commit" -> 40;
      default -> 0;
    };
    if (want > 0 && !v.isEmpty() && !(v.length() == want && v.chars().allMatch(c -> Character.digit(c, 16) >= 0))) {
      throw new PositionedException(HostStepCompiler.valuePos(s, key), key + " must be " + want
          + " hex digits, found '" + v + "'");
    }
  }

  private void addNeeds(StepSpec s, Map<String, String> pre, Map<String, String> vars) throws PositionedException {
    for (Text n : s.needs()) {
      String p = strict(n, pre, vars, s, "needs").strip();
      if (!p.isEmpty()) {
        needs.add(p);
      }
    }
  }

  private static String name(String name, Scope sc) {
    return name == null ? null : Subst.exact(Subst.exact(name, sc.pre()), sc.vars());
  }

  /**
   * melange's two passes over {@code text}: exact tokens of {@code pre}, then every token of
   * {@code vars}; an unknown name is reported where it is written inside the text.
   */
  static String strict(Text text, Map<String, String> pre, Map<String, String> vars, StepSpec s, String field)
      throws PositionedException {
    if (text == null) {
      return null;
    }
    try {
      return Subst.strict(Subst.exact(text.value(), pre), vars);
    } catch (Subst.UnknownName e) {
      throw new PositionedException(text.posOf(e.name()), e.getMessage() + " in " + field + " of step '"
          + label(s) + "'");
    }
  }

  static String label(StepSpec s) {
    if (s.name() != null) {
      return s.name();
    }
    if (s.uses() != null) {
      return s.uses();
    }
    return s.runs() == null ? "(empty step)" : s.runs().value().strip().split("\n", 2)[0];
  }
}
