package dev.pkgbuild.graph;

import dev.pkgbuild.graph.RecipeGraph;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a tree build will do, in build order.
 *
 * @param graph the recipe graph
 * @param recipes every recipe, dependencies first
 * @param byId recipes by main package name
 */
public record Plan(RecipeGraph graph, List<PlannedRecipe> recipes, Map<String, PlannedRecipe> byId) {
  public Plan {
    recipes = List.copyOf(recipes);
    byId = Map.copyOf(byId);
  }

  /** The ids of the recipes to build. */
  public Set<String> toBuild() {
    return recipes.stream().filter(PlannedRecipe::toBuild).map(PlannedRecipe::id).collect(Collectors.toSet());
  }
}
