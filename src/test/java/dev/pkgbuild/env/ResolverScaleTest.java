package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-package synthetic index: the resolution is checked against the rules themselves,
 * independently of how the resolver found it (correctness, not timing: bench/resolve.sh times it).
 */
class ResolverScaleTest {
  private static final int PACKAGES = 10_000;
  private static List<IndexEntry> entries;
  private static List<Dependency> world;
  private static Resolution resolution;
  private static List<IndexEntry> chosen;

  @BeforeAll
  static void resolveOnce() throws PkgbuildException {
    entries = SyntheticIndex.entries(PACKAGES, 42);
    world = Dependency.parseAll(String.join(" ", SyntheticIndex.world(PACKAGES, 40)));
    resolution = Resolver.resolve(List.of(RepositoryIndex.untagged("syn", entries)), world, "x86_64");
    chosen = resolution.packages().stream().map(ResolvedPackage::entry).toList();
  }

  @Test
  void resolve_syntheticIndex_pullsInADeepClosure() {
    assertTrue(entries.size() >= PACKAGES, "index has " + entries.size());
    assertTrue(chosen.size() > 500, "chose " + chosen.size());
  }

  @Test
  void resolve_syntheticIndex_everyAtomMetByAnEarlierPackage() throws PkgbuildException {
    for (Dependency d : world) {
      assertNotNull(meeting(d, chosen.size()), "world " + d);
    }
    for (int i = 0; i < chosen.size(); i++) {
      for (Dependency d : Dependency.parseAll(String.join(" ", chosen.get(i).depends()))) {
        if (d.conflict()) {
          assertEquals(null, meeting(d, chosen.size()), chosen.get(i).name() + " forbids " + d);
        } else {
          assertNotNull(meeting(d, i), chosen.get(i).name() + "-" + chosen.get(i).version() + " needs " + d);
        }
      }
    }
  }

  @Test
  void resolve_syntheticIndex_noNameGivenTwice() {
    Map<String, String> owner = new HashMap<>();
    for (IndexEntry e : chosen) {
      for (String name : versionedNames(e)) {
        String before = owner.put(name, e.name());
        assertEquals(null, before, name + " given by " + before + " and " + e.name());
      }
    }
  }

  @Test
  void resolve_syntheticIndex_olderVersionOnlyWhenTheNewerBreaksAChosenConstraint() throws PkgbuildException {
    List<Dependency> constraints = new ArrayList<>(world);
    for (IndexEntry e : chosen) {
      constraints.addAll(Dependency.parseAll(String.join(" ", e.depends())));
    }
    int older = 0;
    for (IndexEntry e : chosen) {
      if (e.version().equals(SyntheticIndex.OLD)) {
        older++;
        IndexEntry newer = entries.stream().filter(x -> x.name().equals(e.name()) && x.version().equals(SyntheticIndex.NEW))
            .findFirst().orElseThrow();
        assertTrue(constraints.stream().anyMatch(d -> breaks(newer, d)), e.name() + " could have been " + newer.version());
      }
    }
    assertTrue(older > 0, "the index should force some older versions");
  }

  @Test
  void resolve_syntheticIndex_virtualNameTakesHighestPriority_docsFollowTheirPackage() {
    List<String> names = chosen.stream().map(IndexEntry::name).toList();
    assertTrue(names.contains("p00002") && !names.contains("p00001"), "virtual-shell provider");
    int docs = 0;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).endsWith("-doc")) {
        docs++;
        assertEquals(names.get(i).replace("-doc", ""), names.get(i - 1));
      }
    }
    assertTrue(docs > 0, "some -doc packages should be triggered");
  }

  @Test
  void resolve_syntheticIndex_sameResultTwice() throws PkgbuildException {
    Resolution again = Resolver.resolve(List.of(RepositoryIndex.untagged("syn", entries)), world, "x86_64");
    assertEquals(resolution.transactionLines(), again.transactionLines());
    assertFalse(again.packages().isEmpty());
  }

  /** The chosen package before position {@code limit} that meets (or, for a conflict, breaks) {@code d}. */
  private static IndexEntry meeting(Dependency d, int limit) {
    for (int i = 0; i < limit; i++) {
      if (gives(chosen.get(i), d)) {
        return chosen.get(i);
      }
    }
    return null;
  }

  private static boolean gives(IndexEntry e, Dependency d) {
    if (d.matches(e.name(), e.version(), e.checksum())) {
      return true;
    }
    for (String p : e.provides()) {
      String[] nv = p.split("=", 2);
      if (d.matches(nv[0], nv.length == 2 ? nv[1] : null, e.checksum())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} in place of its older build would break {@code d}. */
  private static boolean breaks(IndexEntry e, Dependency d) {
    boolean names = d.name().equals(e.name()) || versionedNames(e).contains(d.name());
    return names && (d.conflict() == gives(e, d));
  }

  private static List<String> versionedNames(IndexEntry e) {
    List<String> out = new ArrayList<>(List.of(e.name()));
    e.provides().stream().filter(p -> p.contains("=")).map(p -> p.substring(0, p.indexOf('='))).forEach(out::add);
    return out;
  }
}
