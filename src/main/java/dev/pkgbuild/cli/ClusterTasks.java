package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.graph.Edge;
import dev.pkgbuild.graph.Plan;
import dev.pkgbuild.graph.PlannedRecipe;
import dev.pkgbuild.recipe.RecipeLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recipes a plan builds as cluster tasks: DNS-1123 names, the tasks each waits for (the
 * plan's build-order edges; cut edges are not among them) and its wave, the longest chain of
 * dependencies below it.
 */
final class ClusterTasks {
  /** The name of the renderers' own final task, never given to a recipe. */
  static final Set<String> RESERVED = Set.of("sign-index");
  private static final int MAX_NAME = 63;

  private ClusterTasks() {}

  /**
   * One cluster task.
   *
   * @param name a DNS-1123 label, unique in the plan
   * @param recipe the recipe's id (main package name)
   * @param file the recipe file relative to the tree's root in the image
   * @param dependsOn the names of the tasks it runs after
   * @param wave 0 for a task without dependencies, else one more than its highest dependency's
   * @param requests container resource requests from the recipe's {@code package.resources}
   */
  record Task(String name, String recipe, String file, List<String> dependsOn, int wave,
      Map<String, String> requests) {}

  /**
   * The recipes {@code plan} builds, dependencies first. Recipes already present are left out:
   * their packages are in the repository every task reads.
   */
  static List<Task> of(Plan plan) throws PkgbuildException {
    Map<String, String> names = names(plan);
    Map<String, Integer> waves = new HashMap<>();
    List<Task> out = new ArrayList<>();
    for (PlannedRecipe p : plan.recipes()) {
      if (!names.containsKey(p.id())) {
        continue;
      }
      List<String> deps = new ArrayList<>();
      int wave = 0;
      for (Edge e : plan.graph().edgesFrom(p.id())) {
        if (!e.to().equals(p.id()) && names.containsKey(e.to())) {
          deps.add(names.get(e.to()));
          wave = Math.max(wave, waves.get(e.to()) + 1);
        }
      }
      waves.put(p.id(), wave);
      out.add(new Task(names.get(p.id()), p.id(), ClusterOptions.inTree(p.file()), List.copyOf(deps), wave,
          requests(p.file())));
    }
    return out;
  }

  /** melange's {@code cpu}, {@code memory} and {@code disk} as Kubernetes requests ({@code cpumodel} has none). */
  static Map<String, String> requests(Path recipe) throws PkgbuildException {
    Map<String, String> given = RecipeLoader.load(recipe).pkg().resources();
    Map<String, String> out = new LinkedHashMap<>();
    putIf(out, "cpu", given.get("cpu"));
    putIf(out, "memory", given.get("memory"));
    putIf(out, "ephemeral-storage", given.get("disk"));
    return out;
  }

  private static void putIf(Map<String, String> out, String key, String value) {
    if (value != null && !value.isBlank()) {
      out.put(key, value.strip());
    }
  }

  private static Map<String, String> names(Plan plan) {
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>(RESERVED);
    for (PlannedRecipe p : plan.recipes()) {
      if (p.toBuild()) {
        out.put(p.id(), unique(label(p.id()), taken));
      }
    }
    return out;
  }

  /** {@code name} lowercased, every run of other characters a dash, at most 63 long. */
  static String label(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    s = s.isEmpty() ? "recipe" : s;
    return trim(s, MAX_NAME);
  }

  private static String unique(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      String suffix = "-" + i;
      name = trim(base, MAX_NAME - suffix.length()) + suffix;
    }
    return name;
  }

  private static String trim(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max).replaceAll("-+$", "");
  }
}
