package dev.pkgbuild.cli;

import dev.pkgbuild.graph.Cut;
import dev.pkgbuild.graph.Edge;
import dev.pkgbuild.graph.Need;
import dev.pkgbuild.graph.Needed;
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

  /**
   * One line per recipe in build order (reason, name-version, why), then each cut edge, then
   * the bootstrap set: what must come from an existing repository before the tree builds.
   */
  public static String text(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (PlannedRecipe p : plan.recipes()) {
      sb.append(String.format("%-8s %s  (%s)%n", p.reason().label(), p.nameVersion(), p.detail()));
    }
    long served = 0;
    for (Cut c : plan.graph().cuts()) {
      if (c.way() != Cut.Way.UNSERVED) {
        sb.append("cut      ").append(c.describe()).append('\n');
        served++;
      }
    }
    List<Needed> bootstrap = plan.graph().bootstrapSet();
    for (Needed b : bootstrap) {
      sb.append("needed   ").append(b.describe()).append('\n');
    }
    long n = plan.recipes().stream().filter(PlannedRecipe::toBuild).count();
    sb.append(n).append(" to build, ").append(plan.recipes().size() - n).append(" present");
    if (served > 0) {
      sb.append(", ").append(served).append(" needs cut and served otherwise");
    }
    if (!bootstrap.isEmpty()) {
      sb.append(", ").append(bootstrap.size() == 1 ? "1 package" : bootstrap.size() + " packages")
          .append(" needed from an existing repository first (pass it with -r REPO)");
    }
    return sb.append('\n').toString();
  }

  /** The plan as JSON: recipes in build order with their reason and edges, the cuts, the bootstrap set. */
  public static String json(Plan plan) {
    List<Object> recipes = new ArrayList<>();
    for (PlannedRecipe p : plan.recipes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.id());
      m.put("version", p.fullVersion());
      m.put("file", p.file().toString());
      m.put("action", p.toBuild() ? "build" : "skip");
      m.put("reason", p.reason().label());
      m.put("detail", p.detail());
      m.put("inputs", p.inputs());
      m.put("depends-on", plan.graph().edgesFrom(p.id()).stream().map(Edge::to).toList());
      m.put("test-needs", related(plan, p.id(), Need.Kind.TEST));
      m.put("runtime-needs", related(plan, p.id(), Need.Kind.RUNTIME));
      recipes.add(m);
    }
    List<Object> cuts = new ArrayList<>();
    for (Cut c : plan.graph().cuts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", c.edge().from());
      m.put("to", c.edge().to());
      m.put("need", c.edge().need().name());
      m.put("at", c.edge().need().pos().toString());
      m.put("way", c.way().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      m.put("by", c.by());
      m.put("cycle", c.cycle());
      cuts.add(m);
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("recipes", recipes);
    top.put("cuts", cuts);
    top.put("bootstrap", bootstrapNames(plan));
    return Json.write(top);
  }

  /**
   * The recipe graph in Graphviz dot: recipes to build bold, build-order edges solid, cut
   * edges dashed (red when nothing serves them yet), test and runtime needs dotted.
   */
  public static String dot(Plan plan) {
    StringBuilder sb = new StringBuilder("digraph recipes {\n  rankdir=LR;\n");
    for (PlannedRecipe p : plan.recipes()) {
      sb.append("  \"").append(p.id()).append("\"").append(p.toBuild() ? " [style=bold]" : "").append(";\n");
    }
    for (PlannedRecipe p : plan.recipes()) {
      for (Edge e : plan.graph().edgesFrom(p.id())) {
        dotEdge(sb, e, e.need().name(), "");
      }
      for (Edge e : plan.graph().relatedFrom(p.id())) {
        dotEdge(sb, e, e.need().kind().label() + ": " + e.need().name(), ", style=dotted");
      }
    }
    for (Cut c : plan.graph().cuts()) {
      String color = c.way() == Cut.Way.UNSERVED ? ", color=red" : "";
      dotEdge(sb, c.edge(), c.edge().need().name() + " (cut)", ", style=dashed" + color);
    }
    return sb.append("}\n").toString();
  }

  private static void dotEdge(StringBuilder sb, Edge e, String label, String style) {
    sb.append("  \"").append(e.from()).append("\" -> \"").append(e.to()).append("\" [label=\"")
        .append(label).append('"').append(style).append("];\n");
  }

  private static List<String> related(Plan plan, String id, Need.Kind kind) {
    return plan.graph().relatedFrom(id).stream().filter(e -> e.need().kind() == kind).map(Edge::to).toList();
  }

  private static List<String> bootstrapNames(Plan plan) {
    return plan.graph().bootstrapSet().stream().map(Needed::name).toList();
  }
}
