package dev.pkgbuild.pipeline;

import dev.pkgbuild.io.Json;
import dev.pkgbuild.recipe.Copyright;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a compiled recipe as readable text or as JSON, deterministically. */
public final class Renderer {
  private Renderer() {}

  /** The text form: one block per package, steps with their inputs and scripts, children indented. */
  public static String text(CompiledRecipe r) {
    return text(r, true);
  }

  /**
   * The text form; with {@code inlined} false, a {@code uses} step shows its inputs but not the
   * script and steps of the pipeline it inlines.
   */
  public static String text(CompiledRecipe r, boolean inlined) {
    StringBuilder sb = new StringBuilder();
    sb.append("recipe ").append(r.file().getFileName()).append(" for ").append(r.arch()).append('\n');
    line(sb, "", "build-options", String.join(" ", r.buildOptions()));
    sb.append("environment:\n");
    environment(sb, r.environment(), "  ");
    pkg(sb, "package", r.main(), inlined);
    for (CompiledPackage p : r.subpackages()) {
      pkg(sb, "subpackage", p, inlined);
    }
    return sb.toString();
  }

  private static void environment(StringBuilder sb, CompiledEnvironment e, String in) {
    line(sb, in, "packages", String.join(" ", e.packages()));
    line(sb, in, "repositories", String.join(" ", e.repositories()));
    line(sb, in, "keyring", String.join(" ", e.keyring()));
    e.environment().forEach((k, v) -> sb.append(in).append("env ").append(k).append('=').append(v).append('\n'));
  }

  private static void pkg(StringBuilder sb, String kind, CompiledPackage p, boolean inlined) {
    sb.append('\n').append(kind).append(' ').append(p.name()).append(' ').append(p.fullVersion()).append('\n');
    line(sb, "  ", "description", p.description());
    line(sb, "  ", "url", p.url());
    line(sb, "  ", "commit", p.commit());
    line(sb, "  ", "license", String.join(" | ", p.copyright().stream().map(Copyright::license).toList()));
    CompiledDependencies d = p.dependencies();
    line(sb, "  ", "runtime", String.join(" ", d.runtime()));
    line(sb, "  ", "provides", String.join(" ", d.provides()));
    line(sb, "  ", "replaces", String.join(" ", d.replaces()));
    line(sb, "  ", "provider-priority", d.providerPriority() == null ? null : d.providerPriority().toString());
    line(sb, "  ", "replaces-priority", d.replacesPriority() == null ? null : d.replacesPriority().toString());
    line(sb, "  ", "options", options(p));
    line(sb, "  ", "checks-disabled", String.join(" ", p.disabledChecks()));
    p.scriptlets().scripts().forEach((k, v) -> block(sb, "  ", "scriptlet " + k, v));
    line(sb, "  ", "trigger-paths", String.join(" ", p.scriptlets().triggerPaths()));
    sb.append("  pipeline:\n");
    steps(sb, p.pipeline(), "    ", inlined);
    if (p.test() != null) {
      sb.append("  test:\n");
      environment(sb, p.test().environment(), "    ");
      steps(sb, p.test().pipeline(), "    ", inlined);
    }
  }

  private static String options(CompiledPackage p) {
    List<String> o = new ArrayList<>();
    if (p.options().noProvides()) {
      o.add("no-provides");
    }
    if (p.options().noDepends()) {
      o.add("no-depends");
    }
    if (p.options().noCommands()) {
      o.add("no-commands");
    }
    return String.join(" ", o);
  }

  private static void steps(StringBuilder sb, List<Step> steps, String in, boolean inlined) {
    for (Step s : steps) {
      sb.append(in).append("- ").append(s.displayName()).append('\n');
      String sub = in + "    ";
      line(sb, sub, "uses", s.uses() != null && !s.uses().equals(s.displayName()) ? s.uses() : null);
      line(sb, sub, "working-directory", s.workingDirectory());
      s.environment().forEach((k, v) -> sb.append(sub).append("env ").append(k).append('=').append(v).append('\n'));
      s.with().forEach((k, v) -> block(sb, sub, "with " + k, v));
      if (inlined || s.uses() == null) {
        block(sb, sub, "runs", s.runs());
        steps(sb, s.children(), sub, inlined);
      }
    }
  }

  private static void line(StringBuilder sb, String in, String key, String value) {
    if (value != null && !value.isEmpty()) {
      block(sb, in, key, value);
    }
  }

  /** One-line values inline; multi-line values as an indented block under the key. */
  private static void block(StringBuilder sb, String in, String key, String value) {
    if (value == null) {
      return;
    }
    String v = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    if (v.isEmpty()) {
      sb.append(in).append(key).append(": ''\n");
      return;
    }
    if (!v.contains("\n")) {
      sb.append(in).append(key).append(": ").append(v).append('\n');
      return;
    }
    sb.append(in).append(key).append(": |\n");
    for (String l : v.split("\n", -1)) {
      sb.append(l.isEmpty() ? "" : in + "  " + l).append('\n');
    }
  }

  /** The JSON form, with the same content as the text form. */
  public static String json(CompiledRecipe r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", r.file().toString());
    m.put("arch", r.arch().apkName());
    if (!r.buildOptions().isEmpty()) {
      m.put("build-options", r.buildOptions());
    }
    m.put("environment", env(r.environment()));
    m.put("package", pkg(r.main()));
    m.put("subpackages", r.subpackages().stream().map(Renderer::pkg).toList());
    return Json.write(m);
  }

  private static Map<String, Object> env(CompiledEnvironment e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packages", e.packages());
    m.put("repositories", e.repositories());
    m.put("keyring", e.keyring());
    m.put("environment", e.environment());
    return m;
  }

  private static Map<String, Object> pkg(CompiledPackage p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("version", p.version());
    m.put("epoch", p.epoch());
    m.put("description", p.description());
    m.put("url", p.url());
    m.put("commit", p.commit());
    m.put("licenses", p.copyright().stream().map(Copyright::license).toList());
    CompiledDependencies d = p.dependencies();
    Map<String, Object> deps = new LinkedHashMap<>();
    deps.put("runtime", d.runtime());
    deps.put("provides", d.provides());
    deps.put("replaces", d.replaces());
    deps.put("provider-priority", d.providerPriority());
    deps.put("replaces-priority", d.replacesPriority());
    m.put("dependencies", deps);
    m.put("options", options(p));
    m.put("checks-disabled", p.disabledChecks());
    m.put("scriptlets", p.scriptlets().scripts());
    m.put("trigger-paths", p.scriptlets().triggerPaths());
    m.put("pipeline", p.pipeline().stream().map(Renderer::step).toList());
    if (p.test() != null) {
      Map<String, Object> test = new LinkedHashMap<>(); // Map.of would iterate in a random order
      test.put("environment", env(p.test().environment()));
      test.put("pipeline", p.test().pipeline().stream().map(Renderer::step).toList());
      m.put("test", test);
    }
    return m;
  }

  private static Map<String, Object> step(Step s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.displayName());
    m.put("uses", s.uses());
    m.put("with", s.with());
    m.put("runs", s.runs());
    m.put("working-directory", s.workingDirectory());
    m.put("environment", s.environment());
    m.put("position", s.pos().toString());
    m.put("children", s.children().stream().map(Renderer::step).toList());
    return m;
  }
}
