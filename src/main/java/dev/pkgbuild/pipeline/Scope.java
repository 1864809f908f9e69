package dev.pkgbuild.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What a step is compiled against.
 *
 * @param pre parse-time values (package.*, vars, range.*) for melange's exact-token pass
 * @param vars every compile-time value, including the enclosing pipeline's inputs.*
 * @param workingDirectory inherited working directory, or null
 * @param environment inherited step environment
 * @param chain the pipelines being inlined, outermost first, to catch recursion
 */
record Scope(Map<String, String> pre, Map<String, String> vars, String workingDirectory,
    Map<String, String> environment, List<String> chain) {

  Scope inside(String wd, Map<String, String> env) {
    return new Scope(pre, vars, wd, env, chain);
  }

  /** The values an {@code if:} sees: every name, the parse-time ones included. */
  Map<String, String> conditionVars() {
    if (pre.isEmpty()) {
      return vars;
    }
    Map<String, String> all = new java.util.HashMap<>(pre);
    all.putAll(vars);
    return all;
  }
}
