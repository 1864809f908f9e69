package dev.pkgbuild.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the built-in catalog from the class path and turns a definition into the
 * shell a build would run, with a deliberately small {@code ${{...}}} replacer
 * (the real compiler lives elsewhere; these tests only need plain names).
 */
final class CatalogFiles {
  static final String ROOT = "/dev/pkgbuild/pipeline/catalog/";
  private static final Pattern SUBST = Pattern.compile("\\$\\{\\{\\s*([A-Za-z0-9._-]+)\\s*\\}\\}");

  private CatalogFiles() {}

  /** The names listed in index.txt, in file order. */
  static List<String> index() {
    List<String> names = new ArrayList<>();
    for (String line : text("index.txt").split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip());
      }
    }
    return names;
  }

  /** A resource under the catalog root as text, or an assertion-style failure. */
  static String text(String relative) {
    try (InputStream in = CatalogFiles.class.getResourceAsStream(ROOT + relative)) {
      if (in == null) {
        throw new AssertionError("missing catalog resource " + relative);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed definition of pipeline {@code name}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String name) {
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(text(name + ".yaml"));
    if (!(doc instanceof Map)) {
      throw new AssertionError(name + ": not a mapping");
    }
    return (Map<String, Object>) doc;
  }

  /** The declared inputs of a definition (empty when it has none). */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> inputs(Map<String, Object> def) {
    Object in = def.get("inputs");
    return in == null ? Map.of() : (Map<String, Map<String, Object>>) in;
  }

  /** The top-level steps of a definition. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps(Map<String, Object> def) {
    Object p = def.get("pipeline");
    return p == null ? List.of() : (List<Map<String, Object>>) p;
  }

  /**
   * The substitution map for one use of pipeline {@code name}: {@code context}
   * (targets.*, build.arch, ...) plus every input, given or defaulted.
   */
  static Map<String, String> bindings(String name, Map<String, String> context, Map<String, String> with) {
    Map<String, String> all = new LinkedHashMap<>(context);
    inputs(load(name)).forEach((key, spec) -> {
      Object dflt = spec == null ? null : spec.get("default");
      String value = with.containsKey(key) ? with.get(key) : dflt == null ? "" : dflt.toString();
      all.put("inputs." + key, substitute(value, context));
    });
    return all;
  }

  /** Replaces every {@code ${{name}}}; an unknown name fails the test. */
  static String substitute(String text, Map<String, String> values) {
    Matcher m = SUBST.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new AssertionError("no value for ${{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A shell step ready to run: its script and its working directory (or null). */
  record Step(String script, Path workdir) {}

  /** The {@code runs:} steps of {@code name} with everything substituted. */
  static List<Step> shellSteps(String name, Map<String, String> bindings) {
    List<Step> out = new ArrayList<>();
    for (Map<String, Object> step : steps(load(name))) {
      Object runs = step.get("runs");
      if (runs == null) {
        continue;
      }
      Object wd = step.get("working-directory");
      Path dir = wd == null ? null : Path.of(substitute(wd.toString(), bindings));
      out.add(new Step(substitute(runs.toString(), bindings), dir));
    }
    return out;
  }
}
