package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.ApkVersion;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Picks index records for withdraw and prune. */
final class Selection {
  private Selection() {}

  /** The records named {@code name-version} (with or without {@code .apk}); all must exist. */
  static List<IndexEntry> byId(ApkIndex index, List<String> ids, Object dir) throws PkgbuildException {
    Map<String, IndexEntry> byFile = index.entries().stream()
        .collect(Collectors.toMap(IndexEntry::fileName, Function.identity(), (a, b) -> a));
    List<IndexEntry> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      IndexEntry e = byFile.get(id.endsWith(".apk") ? id : id + ".apk");
      if (e == null) {
        unknown.add(id);
      } else if (!out.contains(e)) {
        out.add(e);
      }
    }
    if (!unknown.isEmpty()) {
      throw PkgbuildException.badInput("not in the index of " + dir + ": " + String.join(", ", unknown)
          + " (expected NAME-VERSION-rN as listed by the index); nothing was withdrawn");
    }
    return out;
  }

  /**
   * Which arches {@code ids} are withdrawn from: each arch whose index lists them (by file name,
   * {@code listed}); every id must be listed somewhere.
   *
   * @param where the repository, for the message
   * @throws PkgbuildException naming the ids no index lists; nothing is to be withdrawn then
   */
  static Map<String, List<String>> byArch(Map<String, java.util.Set<String>> listed, List<String> ids, Object where)
      throws PkgbuildException {
    Map<String, List<String>> plan = new java.util.LinkedHashMap<>();
    java.util.Set<String> found = new java.util.LinkedHashSet<>();
    listed.forEach((arch, files) -> {
      List<String> here = ids.stream().filter(id -> files.contains(id.endsWith(".apk") ? id : id + ".apk")).toList();
      found.addAll(here);
      if (!here.isEmpty()) {
        plan.put(arch, here);
      }
    });
    List<String> missing = ids.stream().filter(id -> !found.contains(id)).toList();
    if (!missing.isEmpty()) {
      throw PkgbuildException.badInput("not in any index under " + where + ": " + String.join(", ", missing)
          + " (expected NAME-VERSION-rN); nothing was withdrawn");
    }
    return plan;
  }

  /** Every record but the newest {@code keep} versions of its name. */
  static List<IndexEntry> olderThanNewest(ApkIndex index, int keep) {
    Map<String, List<IndexEntry>> byName = new TreeMap<>();
    for (IndexEntry e : index.entries()) {
      byName.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(e);
    }
    Comparator<IndexEntry> newestFirst = Comparator.comparing(IndexEntry::version, ApkVersion::compare).reversed();
    List<IndexEntry> out = new ArrayList<>();
    for (List<IndexEntry> versions : byName.values()) {
      versions.sort(newestFirst);
      out.addAll(versions.subList(Math.min(keep, versions.size()), versions.size()));
    }
    return out;
  }
}
