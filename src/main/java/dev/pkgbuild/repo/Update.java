package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.io.SideBySide;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One change to an arch folder, made while its lock is held: load the index, repair what an
 * interrupted run left, apply the change, write the signed index. Files go in place before
 * the index names them and out of place (hidden) before the index forgets them, so a crash
 * leaves the old index or the new one, and the next update sees every difference.
 */
final class Update {
  private final ArchFolder folder;
  private final PackageInspector inspector;
  private final Reporter reporter;
  private final SigningKey key;
  private final long epoch;
  private ApkIndex index;
  private ApkIndex prepared;
  private SideBySide.Pending<byte[], IOException> preparedBytes;
  private boolean changed;
  private boolean rebuilding;
  private final List<IndexEntry> added = new ArrayList<>();
  private final List<IndexEntry> removed = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Path> withdrawn = new ArrayList<>();

  Update(ArchFolder folder, PackageInspector inspector, Reporter reporter, SigningKey key, long epoch) {
    this.folder = folder;
    this.inspector = inspector;
    this.reporter = reporter;
    this.key = key;
    this.epoch = epoch;
  }

  /** Reads and verifies the current index; a missing one is empty, a broken one an error. */
  void load(TrustedKeys keys, boolean signed) throws PkgbuildException {
    Path file = folder.index();
    if (!Files.exists(file)) {
      index = ApkIndex.empty(null);
      changed = true;
      return;
    }
    IndexArchive.Read read;
    try {
      read = IndexArchive.read(file, keys);
    } catch (PkgbuildException e) {
      throw broken(e.getMessage());
    }
    List<String> problems = relevant(read.problems(), signed);
    if (!problems.isEmpty()) {
      throw broken(file + ": " + String.join("; ", problems));
    }
    index = read.index();
  }

  /** The problems that matter: an unsigned repository does not mind a missing or untrusted signature. */
  static List<String> relevant(List<String> problems, boolean signed) {
    return signed ? problems
        : problems.stream().filter(p -> !p.startsWith("unsigned index") && !p.startsWith("UNTRUSTED")).toList();
  }

  /** Sets the {@code DESCRIPTION} text, when one is given. */
  void describe(String text) {
    if (text != null && !text.equals(index.description())) {
      index = index.withDescription(text);
      changed = true;
    }
  }

  private PkgbuildException broken(String why) {
    return PkgbuildException.badInput(why + "; nothing was changed; run 'pkgbuild index --rebuild "
        + folder.dir() + "' to rebuild the index from its packages");
  }

  /** Starts from no index at all: every package file is read again, in parallel. */
  void rebuildAll(String description) throws PkgbuildException {
    index = ApkIndex.empty(description);
    changed = true;
    rebuilding = true;
    recover();
  }

  /** Repairs what a crash or a hand edit left: temp files, unindexed files, records without files. */
  void recover() throws PkgbuildException {
    folder.sweepTemps(notes);
    Set<String> journal = folder.readJournal();
    Set<String> files = new LinkedHashSet<>(folder.packageFiles());
    Map<String, IndexEntry> byFile = index.entries().stream()
        .collect(Collectors.toMap(IndexEntry::fileName, Function.identity(), (a, b) -> a));
    for (IndexEntry e : byFile.values()) {
      if (!files.contains(e.fileName())) {
        drop(e, "dropped " + e.fileName() + " from the index: the file is gone");
      }
    }
    List<String> unread = files.stream().filter(f -> !byFile.containsKey(f) || journal.contains(f)).toList();
    List<IndexEntry> read = ParallelInspect.all(unread.stream().map(folder.dir()::resolve).toList(),
        inspector, reporter);
    List<IndexEntry> adopted = new ArrayList<>();
    for (int i = 0; i < unread.size(); i++) {
      if (read.get(i) != null) {
        adopt(unread.get(i), read.get(i), rebuilding ? null
            : byFile.containsKey(unread.get(i)) ? "re-read " : "adopted ", adopted);
      }
    }
    index = index.with(adopted); // one sort for the lot: a first index adopts every file
    added.addAll(adopted);
    changed |= !journal.isEmpty() || !adopted.isEmpty();
  }

  private void adopt(String fileName, IndexEntry found, String verb, List<IndexEntry> adopted)
      throws PkgbuildException {
    IndexEntry e;
    try {
      e = folder.rewriteArch(found);
    } catch (PkgbuildException ex) {
      reporter.warn("not indexed: " + ex.getMessage());
      return;
    }
    if (!fileName.equals(e.fileName())) {
      if (!folder.rename(fileName, e.fileName())) {
        reporter.warn("not indexed: " + folder.dir().resolve(fileName) + " holds " + e.fileName()
            + ", which exists already");
        return;
      }
      notes.add("renamed " + fileName + " to " + e.fileName());
    }
    if (verb != null) {
      note(verb + e.fileName());
    }
    adopted.add(e);
  }

  /**
   * Puts packages in place, then adds their records. Each is read once more to check it (side
   * by side), while the new index is already rendered and signed on another thread.
   */
  void place(List<StagedApk> staged, boolean inspected) throws PkgbuildException {
    List<IndexEntry> entries = new ArrayList<>();
    for (StagedApk s : staged) {
      entries.add(folder.rewriteArch(s.entry()));
    }
    ApkIndex next = index.with(entries);
    prepare(next);
    if (!inspected) {
      // what the writer did not read back already is read here, side by side, in list order
      List<Path> unread = staged.stream().filter(s -> s.readBack() == null).map(StagedApk::file).toList();
      Iterator<IndexEntry> read = ParallelInspect.strict(unread, inspector).iterator();
      for (StagedApk s : staged) {
        checkMatches(s, folder.rewriteArch(s.readBack() != null ? s.readBack() : read.next()));
      }
    }
    folder.writeJournal(entries.stream().map(IndexEntry::fileName).toList());
    for (int i = 0; i < staged.size(); i++) {
      folder.bringIn(staged.get(i), entries.get(i).fileName());
    }
    AtomicFiles.fsyncDir(folder.dir());
    // the records, ending at the index prepared above
    added.addAll(entries);
    index = next;
    changed = true;
  }

  private static void checkMatches(StagedApk s, IndexEntry read) throws PkgbuildException {
    if (!read.checksum().equals(s.entry().checksum()) || read.fileSize() != s.entry().fileSize()) {
      throw PkgbuildException.badInput(s.file() + ": package does not match what its writer reported ("
          + read.checksum() + " " + read.fileSize() + " bytes, expected " + s.entry().checksum() + " "
          + s.entry().fileSize() + " bytes)");
    }
  }

  /** Takes packages out: files hidden first, records dropped, files deleted after the commit. */
  void withdraw(List<IndexEntry> entries) throws PkgbuildException {
    for (IndexEntry e : entries) {
      withdrawn.add(folder.hide(e.fileName()));
      drop(e, null);
    }
    AtomicFiles.fsyncDir(folder.dir());
  }

  ApkIndex index() {
    return index;
  }

  /** Starts rendering and signing {@code expected}, the index this update is about to reach. */
  private void prepare(ApkIndex expected) {
    prepared = expected;
    preparedBytes = SideBySide.start(() -> IndexArchive.render(expected, key, epoch));
  }

  /** Writes the signed index (when anything changed), then clears journal and hidden files. */
  PublishResult commit() throws PkgbuildException {
    // The same object, not an equal one: a record's equals is costly the first time it runs.
    if (changed && prepared != null && prepared == index) {
      try {
        AtomicFiles.write(folder.index(), preparedBytes.join());
      } catch (IOException e) {
        throw PkgbuildException.failed("cannot write " + folder.index() + ": " + e.getMessage());
      }
    } else if (changed) {
      IndexArchive.write(folder.index(), index, key, epoch);
    }
    folder.clearJournal();
    for (Path p : withdrawn) {
      folder.delete(p);
    }
    AtomicFiles.fsyncDir(folder.dir());
    return new PublishResult(index, added, removed, notes);
  }

  private void drop(IndexEntry e, String note) {
    index = index.without(e.name(), e.version());
    removed.add(e);
    changed = true;
    if (note != null) {
      note(note);
    }
  }

  private void note(String n) {
    notes.add(n);
    reporter.info(folder.dir().getFileName() + ": " + n);
  }
}
