package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The contents of an {@code APKINDEX}: an optional description and the package records,
 * kept sorted by name, then version, then arch.
 *
 * @param description the {@code DESCRIPTION} member text, or null for none
 * @param entries the package records, sorted
 */
public record ApkIndex(String description, List<IndexEntry> entries) {
  /** Name, then apk version order, then arch: the order apk index writes. */
  public static final Comparator<IndexEntry> ORDER = Comparator.comparing(IndexEntry::name)
      .thenComparing(IndexEntry::version, ApkVersion::compare)
      .thenComparing(e -> e.arch() == null ? "" : e.arch());

  /** Sorts and copies the entries. */
  public ApkIndex {
    List<IndexEntry> copy = new ArrayList<>(entries);
    copy.sort(ORDER);
    entries = Collections.unmodifiableList(copy);
  }

  /** An empty index. */
  public static ApkIndex empty(String description) {
    return new ApkIndex(description, List.of());
  }

  /** This index with {@code e} added, replacing a record of the same name, version and arch. */
  public ApkIndex with(IndexEntry e) {
    return with(List.of(e));
  }

  /**
   * This index with every record of {@code added} put in, each replacing a record of the same
   * name, version and arch (a later one of {@code added} wins). One sort for any number of
   * records, so adopting a whole folder costs n log n, not n per record.
   */
  public ApkIndex with(List<IndexEntry> added) {
    List<IndexEntry> all = new ArrayList<>(entries.size() + added.size());
    all.addAll(entries);
    all.addAll(added);
    all.sort(ORDER); // stable: among equal records, the later one stays last
    List<IndexEntry> kept = new ArrayList<>(all.size());
    for (IndexEntry e : all) {
      if (!kept.isEmpty() && ORDER.compare(kept.get(kept.size() - 1), e) == 0) {
        kept.set(kept.size() - 1, e);
      } else {
        kept.add(e);
      }
    }
    return new ApkIndex(description, kept);
  }

  /** This index without records named {@code name} at {@code version}. */
  public ApkIndex without(String name, String version) {
    return new ApkIndex(description, entries.stream()
        .filter(e -> !(e.name().equals(name) && e.version().equals(version))).toList());
  }

  /** This index with another description. */
  public ApkIndex withDescription(String text) {
    return new ApkIndex(text, entries);
  }

  /** The {@code APKINDEX} text: one block per record, a blank line after each, LF, final newline. */
  public String render() {
    StringBuilder b = new StringBuilder(entries.size() * 320);
    for (IndexEntry e : entries) {
      e.appendTo(b).append('\n');
    }
    return b.toString();
  }

  /** Parses {@code APKINDEX} text as apk-tools writes it. @throws PkgbuildException on malformed text */
  public static ApkIndex parse(String description, String text) throws PkgbuildException {
    return new ApkIndex(description, IndexTextParser.parse(text));
  }
}
