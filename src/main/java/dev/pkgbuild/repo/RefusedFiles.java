package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Package files the folder holds but an update could not index, kept in
 * {@code <arch>/.pkgbuild/refused} by name, size and modification time with the reason, so
 * the next update (run under the lock, on every publish) does not read an unchanged broken
 * file again. A file that changes is read again, and {@code pkgbuild index} reads them all.
 * One instance serves one update: it collects what is still refused and saves that.
 */
final class RefusedFiles {
  /** One refused file as it was when it was read. */
  record Refusal(String fileName, long size, long mtimeMillis, String reason) {
    String line() {
      return fileName + "\t" + size + "\t" + mtimeMillis + "\t" + reason.replaceAll("[\t\r\n]", " ");
    }
  }

  private final Path file;
  private final Map<String, Refusal> known;
  private final boolean forget;
  private final Map<String, Refusal> still = new HashMap<>();

  private RefusedFiles(Path file, Map<String, Refusal> known, boolean forget) {
    this.file = file;
    this.known = known;
    this.forget = forget;
  }

  /**
   * What was refused before ({@code forget}: nothing, every file is read again); an unreadable
   * or missing record is empty, so its files are just read again.
   */
  static RefusedFiles load(Path archDir, boolean forget) {
    Path file = archDir.resolve(ArchFolder.STATE).resolve("refused");
    Map<String, Refusal> known = new HashMap<>();
    try {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = l.split("\t", 4);
        if (f.length == 4 && f[1].matches("\\d+") && f[2].matches("-?\\d+")) {
          known.put(f[0], new Refusal(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
        }
      }
    } catch (IOException e) {
      known.clear();
    }
    return new RefusedFiles(file, known, forget);
  }

  /**
   * Reads the {@code files} not refused before in an unchanged state (those are warned about
   * again, not read), side by side; returns the records of those that read, in order.
   *
   * @throws PkgbuildException when a file cannot be read for another reason than its content
   */
  Map<Path, IndexEntry> read(List<Path> files, PackageInspector inspector, Reporter reporter)
      throws PkgbuildException {
    List<Path> unread = new ArrayList<>();
    for (Path f : files) {
      Optional<Refusal> before = unchanged(f);
      if (before.isPresent()) {
        still.put(before.get().fileName(), before.get());
        reporter.warn("not indexed: " + before.get().reason() + " (refused before and unchanged since, not read again)");
      } else {
        unread.add(f);
      }
    }
    Map<Path, String> reasons = new ConcurrentHashMap<>();
    PackageInspector remembering = p -> {
      try {
        return inspector.inspect(p);
      } catch (PkgbuildException e) {
        if (e.status() == ExitStatus.BAD_INPUT) { // an I/O failure may pass; bad content stays bad
          reasons.put(p, e.getMessage());
        }
        throw e;
      }
    };
    List<IndexEntry> read = ParallelInspect.all(unread, remembering, reporter);
    Map<Path, IndexEntry> out = new LinkedHashMap<>();
    for (int i = 0; i < unread.size(); i++) {
      if (read.get(i) != null) {
        out.put(unread.get(i), read.get(i));
      } else if (reasons.containsKey(unread.get(i))) {
        refuse(unread.get(i), reasons.get(unread.get(i)));
      }
    }
    return out;
  }

  /** Remembers that {@code apk}, as it is now, cannot be indexed. */
  void refuse(Path apk, String reason) {
    try {
      BasicFileAttributes a = Files.readAttributes(apk, BasicFileAttributes.class);
      String name = apk.getFileName().toString();
      still.put(name, new Refusal(name, a.size(), a.lastModifiedTime().toMillis(), reason));
    } catch (IOException e) {
      // gone already: nothing to remember
    }
  }

  private Optional<Refusal> unchanged(Path apk) {
    Refusal r = forget ? null : known.get(apk.getFileName().toString());
    if (r == null) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes a = Files.readAttributes(apk, BasicFileAttributes.class);
      return a.size() == r.size() && a.lastModifiedTime().toMillis() == r.mtimeMillis() ? Optional.of(r)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Writes what is still refused (only when that changed; no file when nothing is). */
  void save() throws PkgbuildException {
    if (still.equals(known)) {
      return;
    }
    try {
      if (still.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      List<String> lines = still.values().stream().map(Refusal::line).sorted().toList();
      AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write " + file + ": " + e.getMessage());
    }
  }
}
