package dev.pkgbuild.graph;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which recipes make each name, best first: the recipe that builds a package of that name,
 * then those providing it by {@code provider-priority}, highest first (then by name), as
 * apk would choose among them.
 */
final class Makers {
  /** {@code cmake-bootstrap}, {@code dotnet-bootstrap-8}, {@code gradle-stage0}, {@code dotnet-sdk-stage0-10}. */
  private static final Pattern BOOTSTRAP = Pattern.compile(".*-(bootstrap|stage0)(-.*)?");

  private final Map<String, Node> nodes;
  private final Map<String, List<String>> byName = new HashMap<>();
  // Most names no bootstrap recipe makes: cycle breaking asks about them often.
  private final Map<String, List<String>> bootstraps = new HashMap<>();

  /** @throws PkgbuildException when two recipes build a package of the same name */
  Makers(Map<String, Node> nodes) throws PkgbuildException {
    this.nodes = nodes;
    Map<String, String> builder = new HashMap<>();
    for (Node n : nodes.values()) {
      for (String name : n.packageNames().stream().sorted().toList()) {
        String other = builder.putIfAbsent(name, n.id());
        if (other != null) {
          throw PkgbuildException.badInput("the package '" + name + "' is built by both " + other
              + " and " + n.id() + "; rename one of them");
        }
      }
    }
    Map<String, List<String>> providers = new HashMap<>();
    for (Node n : nodes.values()) {
      n.provides().keySet().forEach(name -> providers.computeIfAbsent(name, k -> new ArrayList<>()).add(n.id()));
    }
    providers.forEach((name, ids) -> {
      ids.sort(Comparator.comparing((String id) -> -priority(id, name)).thenComparing(id -> id));
      String own = builder.remove(name);
      if (own != null) {
        ids.remove(own);
        ids.add(0, own);
      }
      byName.put(name, List.copyOf(ids));
    });
    builder.forEach((name, id) -> byName.put(name, List.of(id)));
    for (Node n : nodes.values()) {
      if (BOOTSTRAP.matcher(n.id()).matches()) {
        Stream.concat(n.packageNames().stream(), n.provides().keySet().stream()).forEach(name -> bootstraps
            .computeIfAbsent(name, k -> of(k).stream().filter(id -> BOOTSTRAP.matcher(id).matches()).toList()));
      }
    }
  }

  /** The recipes that make {@code name}, best first; empty for an external name. */
  List<String> of(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** The priority recipe {@code id} makes {@code name} at. */
  int priority(String id, String name) {
    Node n = nodes.get(id);
    Integer p = n.packages().get(name);
    return p != null ? p : n.provides().getOrDefault(name, 0);
  }

  /**
   * The bootstrap recipe that could serve {@code name} to {@code from} in place of {@code to}:
   * named {@code *-bootstrap} or {@code *-stage0}, providing it at a lower priority; null if none.
   */
  String bootstrapFor(String name, String from, String to) {
    List<String> candidates = bootstraps.getOrDefault(name, List.of());
    int ceiling = candidates.isEmpty() ? 0 : priority(to, name);
    for (String id : candidates) {
      if (!id.equals(from) && !id.equals(to) && priority(id, name) < ceiling) {
        return id;
      }
    }
    return null;
  }
}
