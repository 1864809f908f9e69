package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads the blocks shared by packages, subpackages and pipeline files: steps, environments, tests. */
final class SpecReader {
  static final Set<String> STEP_KEYS = Set.of("if", "name", "uses", "with", "runs", "pipeline", "inputs",
      "needs", "label", "assertions", "working-directory", "environment", "description");
  static final Set<String> ENV_KEYS = Set.of("contents", "entrypoint", "cmd", "stop-signal", "work-dir",
      "accounts", "archs", "environment", "paths", "vcs-url", "annotations", "include", "volumes", "layering");
  static final Set<String> CONTENTS_KEYS = Set.of("build_repositories", "runtime_repositories", "repositories",
      "keyring", "packages", "baseimage");
  static final Set<String> DEPS_KEYS = Set.of("runtime", "provides", "replaces", "provider-priority",
      "replaces-priority");
  static final Set<String> OPTION_KEYS = Set.of("no-provides", "no-depends", "no-commands",
      "no-versioned-shlib-deps");
  static final List<String> SCRIPTLETS = List.of("pre-install", "post-install", "pre-deinstall",
      "post-deinstall", "pre-upgrade", "post-upgrade");

  private SpecReader() {}

  static List<StepSpec> steps(Fields parent, String key) throws PositionedException {
    List<StepSpec> out = new ArrayList<>();
    for (Node n : parent.list(key)) {
      out.add(step(parent.at(n, "pipeline step", STEP_KEYS)));
    }
    return out;
  }

  static StepSpec step(Fields f) throws PositionedException {
    Fields with = f.sub("with", null);
    Map<String, Text> withValues = new LinkedHashMap<>();
    Map<String, SourcePos> withPos = new HashMap<>();
    if (f.has("with")) {
      withPos.put("", f.keyPos("with"));
    }
    for (String k : with.keys()) {
      withValues.put(k, terminated(with.text(k)));
      withPos.put(k, with.keyPos(k));
    }
    if (f.has("uses") && f.has("runs")) {
      throw new PositionedException(f.keyPos("runs"), "a step cannot have both 'uses' and 'runs'");
    }
    if (f.has("with") && !f.has("uses")) {
      throw new PositionedException(f.keyPos("with"), "'with' needs 'uses' in the same step");
    }
    Fields assertions = f.sub("assertions", Set.of("required-steps"));
    String required = assertions.str("required-steps");
    List<Text> needs = f.sub("needs", Set.of("packages")).textList("packages");
    for (Text n : needs) {
      terminated(n);
    }
    return new StepSpec(f.str("name"), f.str("uses"), withValues, terminated(f.text("runs")), steps(f, "pipeline"),
        terminated(f.text("if")), terminated(f.text("working-directory")), variables(f, "environment"), inputs(f),
        needs, f.str("label"),
        required == null ? null : integer(required, assertions.keyPos("required-steps")), f.pos(), withPos);
  }

  private static Map<String, InputSpec> inputs(Fields f) throws PositionedException {
    Fields inputs = f.sub("inputs", null);
    Map<String, InputSpec> out = new LinkedHashMap<>();
    for (String k : inputs.keys()) {
      Fields in = inputs.sub(k, Set.of("description", "default", "required"));
      out.put(k, new InputSpec(in.str("description", ""), in.str("default"), in.bool("required"), inputs.keyPos(k)));
    }
    return out;
  }

  /** {@code t}, checked to close every {@code ${{} it opens: an unclosed one would reach the shell. */
  static Text terminated(Text t) throws PositionedException {
    int open = t == null ? -1 : Subst.unterminated(t.value());
    if (open >= 0) {
      throw new PositionedException(t.at(open), "unterminated '${{' (no '}}' after it)");
    }
    return t;
  }

  private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A mapping of environment variables: names a shell can export, values checked like steps' text. */
  static Map<String, Text> variables(Fields parent, String key) throws PositionedException {
    Fields env = parent.sub(key, null);
    Map<String, Text> out = new LinkedHashMap<>();
    for (String k : env.keys()) {
      if (!VARIABLE.matcher(k).matches()) {
        throw new PositionedException(env.keyPos(k), "invalid environment variable name '" + k
            + "' (use letters, digits and '_', not starting with a digit)");
      }
      out.put(k, terminated(env.text(k)));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static int integer(String s, SourcePos pos) throws PositionedException {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw new PositionedException(pos, "expected an integer, found '" + s + "'");
    }
  }

  static EnvironmentSpec environment(Fields parent, String key) throws PositionedException {
    Fields env = parent.sub(key, ENV_KEYS);
    Fields contents = env.sub("contents", CONTENTS_KEYS);
    List<String> repos = new ArrayList<>(contents.strList("repositories"));
    repos.addAll(contents.strList("build_repositories"));
    Map<String, Object> other = new LinkedHashMap<>();
    for (String k : env.keys()) {
      if (!Set.of("contents", "environment", "accounts").contains(k)) {
        other.put(k, env.loose(k));
      }
    }
    return new EnvironmentSpec(repos, contents.strList("keyring"), contents.textList("packages"),
        variables(env, "environment"), env.loose("accounts"), other, env.pos());
  }

  static TestSpec test(Fields parent) throws PositionedException {
    if (!parent.has("test")) {
      return null;
    }
    Fields t = parent.sub("test", Set.of("environment", "pipeline"));
    return new TestSpec(environment(t, "environment"), steps(t, "pipeline"), t.pos());
  }

  static Dependencies dependencies(Fields parent) throws PositionedException {
    Fields d = parent.sub("dependencies", DEPS_KEYS);
    return new Dependencies(d.textList("runtime"), d.textList("provides"), d.textList("replaces"),
        d.text("provider-priority"), d.text("replaces-priority"));
  }

  static PackageOptions options(Fields parent) throws PositionedException {
    Fields o = parent.sub("options", OPTION_KEYS);
    return new PackageOptions(o.bool("no-provides"), o.bool("no-depends"), o.bool("no-commands"),
        o.bool("no-versioned-shlib-deps"));
  }

  static Scriptlets scriptlets(Fields parent) throws PositionedException {
    List<String> keys = new ArrayList<>(SCRIPTLETS);
    keys.add("trigger");
    Fields s = parent.sub("scriptlets", keys);
    Map<String, String> scripts = new LinkedHashMap<>();
    for (String k : SCRIPTLETS) {
      if (s.str(k) != null) {
        scripts.put("." + k, s.str(k));
      }
    }
    Fields trigger = s.sub("trigger", Set.of("script", "paths"));
    if (trigger.str("script") != null) {
      scripts.put(".trigger", trigger.str("script"));
    }
    return new Scriptlets(scripts, trigger.strList("paths"));
  }

  static List<String> disabledChecks(Fields parent) throws PositionedException {
    return parent.sub("checks", Set.of("enabled", "disabled")).strList("disabled");
  }
}
