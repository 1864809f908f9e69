package dev.pkgbuild.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipeGraphTest {
  static Need need(String name, int line) {
    return new Need(name, Need.Kind.ENVIRONMENT, "x", new SourcePos(Path.of("r.yaml"), line, 7));
  }

  static Node node(String id, Set<String> subs, Set<String> provides, String... needs) {
    List<Need> n = Arrays.stream(needs).map(s -> need(s, 10)).toList();
    Map<String, Integer> pkgs = new HashMap<>();
    subs.forEach(sub -> pkgs.put(sub, 0));
    pkgs.put(id, 0);
    Map<String, Integer> prov = new HashMap<>();
    provides.forEach(p -> prov.put(p, 0));
    return new Node(id, pkgs, prov, n);
  }

  @Test
  void topologicalOrder_diamondWithSubpackageAndProvidesEdges_putsDependenciesFirst() throws Exception {
    RecipeGraph g = RecipeGraph.of(List.of(
        node("app", Set.of(), Set.of(), "left", "right-dev"),
        node("left", Set.of(), Set.of(), "so:libbase.so.1"),
        node("right", Set.of("right-dev"), Set.of(), "base"),
        node("base", Set.of(), Set.of("so:libbase.so.1"), "gcc")));
    List<String> order = g.topologicalOrder();
    assertEquals(List.of("base", "left", "right", "app"), order);
    assertEquals("right", g.edgesFrom("app").get(1).to());
  }

  @Test
  void of_cycleNothingServes_cutsTheClosingEdgeIntoTheBootstrapSet() throws Exception {
    RecipeGraph g = RecipeGraph.of(List.of(
        node("a", Set.of(), Set.of(), "b-dev"),
        node("b", Set.of("b-dev"), Set.of(), "c"),
        node("c", Set.of(), Set.of(), "a")));
    assertEquals(List.of("c", "b", "a"), g.topologicalOrder());
    assertEquals("c needs a (environment, r.yaml:10:7), breaking the cycle a -> b -> c -> a: no repository holds it",
        g.cuts().get(0).describe());
    assertEquals(1, g.cuts().size());
    assertEquals(List.of("a: needed by c (r.yaml:10:7), in a cycle no recipe of the tree breaks, such as a -> b -> c -> a"),
        g.bootstrapSet().stream().map(Needed::describe).toList());
  }

  @Test
  void of_twoRecipesBuildingOnePackage_isAnError() {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> RecipeGraph.of(List.of(
        node("a", Set.of("shared-dev"), Set.of()), node("b", Set.of("shared-dev"), Set.of()))));
    assertEquals("the package 'shared-dev' is built by both a and b; rename one of them", e.getMessage());
  }

  @Test
  void edgesFrom_externalNames_makeNoEdge() throws Exception {
    RecipeGraph g = RecipeGraph.of(List.of(node("a", Set.of(), Set.of(), "glibc", "busybox")));
    assertEquals(List.of(), g.edgesFrom("a"));
  }
}
