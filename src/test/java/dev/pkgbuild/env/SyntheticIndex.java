package dev.pkgbuild.env;

import dev.pkgbuild.apk.IndexEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A large index made up from a seed, shaped like a distribution: names {@code p00000}... in
 * two versions each, every package giving its {@code so:}, some a {@code cmd:} and {@code pc:},
 * dependencies on earlier names through all of those (some bounded above, some conflicts), a
 * virtual name with priorities, and {@code -doc} packages pulled in by install_if. Shared by
 * {@link ResolverScaleTest} and {@link ResolveBench}.
 */
final class SyntheticIndex {
  static final String OLD = "1.0-r0";
  static final String NEW = "1.1-r0";

  private SyntheticIndex() {}

  /** About {@code packages} entries (two per name, plus the install_if companions). */
  static List<IndexEntry> entries(int packages, long seed) {
    Random rnd = new Random(seed);
    int names = packages / 2;
    List<IndexEntry> out = new ArrayList<>(packages + packages / 100);
    for (int i = 0; i < names; i++) {
      List<String> deps = deps(i, rnd);
      out.add(entry(i, OLD, deps.subList(0, deps.size() / 2 + deps.size() % 2)));
      out.add(entry(i, NEW, deps));
      if (i % 200 == 199) {
        out.add(new IndexEntry(Indexes.checksum("syn", name(i) + "-doc", NEW), name(i) + "-doc", NEW, "x86_64", 10, 10, "", "", "", null, null, null, null,
            null, List.of(), List.of(), List.of(name(i)), List.of()));
      }
    }
    return out;
  }

  /** World atoms: plain names from the top of the graph, so that each pulls in a deep closure. */
  static List<String> world(int packages, int count) {
    int names = packages / 2;
    List<String> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(name(names - 1 - k * 7));
    }
    return out;
  }

  static String name(int i) {
    return String.format("p%05d", i);
  }

  private static List<String> deps(int i, Random rnd) {
    List<String> deps = new ArrayList<>();
    if (i < 3) {
      return deps;
    }
    if (i % 50 == 3) {
      deps.add("virtual-shell");
    }
    int k = rnd.nextInt(5);
    for (int n = 0; n < k; n++) {
      int j = Math.max(3, i - 1 - rnd.nextInt(Math.min(i - 3, 400) + 1));
      if (j >= i) {
        continue;
      }
      int kind = rnd.nextInt(20);
      String dep = kind < 7 ? name(j) : kind < 12 ? "so:lib" + name(j) + ".so.1" : kind < 14 ? name(j) + ">=1.0"
          : kind < 15 ? name(j) + "<1.1" : kind < 17 && j % 10 == 0 ? "cmd:" + name(j)
          : kind < 19 && j % 5 == 0 ? "pc:" + name(j) + ">=1" : kind == 19 && j % 3 == 0 ? "!" + name(j) + ">=1.1"
          : name(j);
      if (!deps.contains(dep)) {
        deps.add(dep);
      }
    }
    return deps;
  }

  private static IndexEntry entry(int i, String version, List<String> deps) {
    List<String> provides = new ArrayList<>();
    provides.add("so:lib" + name(i) + ".so.1=" + version.substring(0, 3));
    if (i % 10 == 0) {
      provides.add("cmd:" + name(i) + "=" + version);
    }
    if (i % 5 == 0) {
      provides.add("pc:" + name(i) + "=" + version.substring(0, 3));
    }
    if (i == 1 || i == 2) {
      provides.add("virtual-shell");
    }
    Integer priority = i == 1 ? Integer.valueOf(10) : i == 2 ? Integer.valueOf(20) : null;
    return new IndexEntry(Indexes.checksum("syn", name(i), version), name(i), version, "x86_64", 1000, 4096, "", "", "", null, null, null, null, priority,
        deps, provides, List.of(), List.of());
  }
}
