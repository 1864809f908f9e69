package dev.pkgbuild.cli;

import dev.pkgbuild.graph.Edge;
import dev.pkgbuild.graph.Plan;
import dev.pkgbuild.graph.PlannedRecipe;
import dev.pkgbuild.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plan as text, JSON or a Graphviz graph. */
public final class PlanRendering {
  private PlanRendering() {}

  /** One line per recipe in build order: reason, name-version, why. */
  public static String text(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (PlannedRecipe p : plan.recipes()) {
      sb.append(String.format("%-8s %s  (%s)%n", p.reason().label(), p.nameVersion(), p.detail()));
    }
    long n = plan.recipes().stream().filter(PlannedRecipe::toBuild).count();
    sb.append(n).append(" to build, ").append(plan.recipes().size() - n).append(" present\n");
    return sb.toString();
  }

  /** The plan as JSON: recipes in build order with their reason and dependencies. */
  public static String json(Plan plan) {
    List<Object> recipes = new ArrayList<>();
    for (PlannedRecipe p : plan.recipes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.id());
      m.put("version", p.recipe().main().fullVersion());
      m.put("file", p.file().toString());
      m.put("action", p.toBuild() ? "build" : "skip");
      m.put("reason", p.reason().label());
      m.put("detail", p.detail());
      m.put("inputs", p.inputs());
      m.put("depends-on", plan.graph().edgesFrom(p.id()).stream().map(Edge::to).toList());
      recipes.add(m);
    }
    return Json.write(Map.of("recipes", recipes));
  }

  /** The recipe graph in Graphviz dot; recipes to build are drawn bold. */
  public static String dot(Plan plan) {
    StringBuilder sb = new StringBuilder("digraph recipes {\n  rankdir=LR;\n");
    for (PlannedRecipe p : plan.recipes()) {
      sb.append("  \"").append(p.id()).append("\"").append(p.toBuild() ? " [style=bold]" : "").append(";\n");
    }
    for (PlannedRecipe p : plan.recipes()) {
      for (Edge e : plan.graph().edgesFrom(p.id())) {
        sb.append("  \"").append(e.from()).append("\" -> \"").append(e.to()).append("\" [label=\"")
            .append(e.need().name()).append("\"];\n");
      }
    }
    return sb.append("}\n").toString();
  }
}
