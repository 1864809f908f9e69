package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of one {@code <root>/<arch>/} folder. Names starting with a dot belong to
 * pkgbuild (lock, journal, temp files) and are never served; temp files carry the
 * {@code .pkgbuild-} prefix, or the index writer's {@code .APKINDEX.tar.gz.} one, and exist
 * only while the lock is held, so any found by the lock holder are left by a dead process.
 */
record ArchFolder(Path dir, String arch) {
  static final String INDEX = "APKINDEX.tar.gz";
  static final String LOCK = ".lock";
  static final String JOURNAL = ".pkgbuild-pending";
  private static final String TEMP = ".pkgbuild-";

  Path index() {
    return dir.resolve(INDEX);
  }

  /** The record with {@code noarch} rewritten to this folder's arch, as apk fetches from {@code <A:>/}. */
  IndexEntry rewriteArch(IndexEntry e) throws PkgbuildException {
    if (arch.equals(e.arch())) {
      return e;
    }
    if (e.arch() != null && !e.arch().equals("noarch")) {
      throw PkgbuildException.badInput(e.fileName() + ": arch " + e.arch() + " does not belong in " + dir);
    }
    return new IndexEntry(e.checksum(), e.name(), e.version(), arch, e.fileSize(), e.installedSize(),
        e.description(), e.url(), e.license(), e.origin(), e.maintainer(), e.buildTime(), e.commit(),
        e.providerPriority(), e.depends(), e.provides(), e.installIf(), e.extra());
  }

  /**
   * Names of the visible {@code .apk} entries, sorted. Names only, no stat per file: this runs
   * on every publish; a folder that happens to end in {@code .apk} fails its inspection instead.
   */
  List<String> packageFiles() throws PkgbuildException {
    return names().stream().filter(n -> n.endsWith(".apk") && !n.startsWith(".")).sorted().toList();
  }

  /**
   * The names in the folder, unsorted. {@link File#list} hands back plain strings: a Path
   * per entry, as {@code Files.list} makes, costs 10,000-package folders 30 ms a listing.
   */
  private List<String> names() throws PkgbuildException {
    String[] names = dir.toFile().list();
    if (names == null) {
      throw PkgbuildException.failed("cannot list " + dir + (Files.isDirectory(dir) ? "" : ": not a folder"));
    }
    return Arrays.asList(names);
  }

  /** Deletes temp files a killed process left (only called with the lock held). */
  void sweepTemps(List<String> notes) throws PkgbuildException {
    try {
      for (String n : names()) {
        boolean ours = n.startsWith(TEMP) || n.startsWith("." + INDEX + ".") || n.startsWith("." + JOURNAL + ".");
        if (ours && n.endsWith(".tmp")) {
          Files.deleteIfExists(dir.resolve(n));
          notes.add("removed stray " + n);
        }
      }
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot clean " + dir + ": " + e.getMessage());
    }
  }

  Set<String> readJournal() throws PkgbuildException {
    try {
      return new LinkedHashSet<>(Files.readAllLines(dir.resolve(JOURNAL), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Set.of();
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot read " + dir.resolve(JOURNAL) + ": " + e.getMessage());
    }
  }

  /** Records which files are about to be replaced, so a crash before the index commit is re-read. */
  void writeJournal(List<String> fileNames) throws PkgbuildException {
    try {
      AtomicFiles.write(dir.resolve(JOURNAL), (String.join("\n", fileNames) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write " + dir.resolve(JOURNAL) + ": " + e.getMessage());
    }
  }

  void clearJournal() throws PkgbuildException {
    delete(dir.resolve(JOURNAL));
  }

  /** Moves or copies a staged package to {@code fileName}, durable before the rename. */
  void bringIn(StagedApk s, String fileName) throws PkgbuildException {
    Path target = dir.resolve(fileName);
    Path tmp = dir.resolve(TEMP + fileName + ".tmp");
    try {
      if (s.consume() && sameFolder(s.file())) {
        fsync(s.file());
        AtomicFiles.move(s.file(), target);
        return;
      }
      Files.copy(s.file(), tmp, StandardCopyOption.REPLACE_EXISTING);
      fsync(tmp);
      AtomicFiles.move(tmp, target);
      if (s.consume()) {
        Files.deleteIfExists(s.file());
      }
    } catch (IOException e) {
      delete(tmp);
      throw PkgbuildException.failed("cannot put " + s.file() + " into " + dir + ": " + e.getMessage());
    }
  }

  private boolean sameFolder(Path file) throws IOException {
    return Files.isSameFile(file.toAbsolutePath().getParent(), dir);
  }

  private static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Renames a visible package; false when the target exists. */
  boolean rename(String from, String to) throws PkgbuildException {
    if (Files.exists(dir.resolve(to))) {
      return false;
    }
    try {
      AtomicFiles.move(dir.resolve(from), dir.resolve(to));
      return true;
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot rename " + dir.resolve(from) + ": " + e.getMessage());
    }
  }

  /** Renames a package to a hidden temp name, so neither apk nor a repair picks it up again. */
  Path hide(String fileName) throws PkgbuildException {
    Path hidden = dir.resolve(TEMP + "withdrawn-" + fileName + ".tmp");
    try {
      AtomicFiles.move(dir.resolve(fileName), hidden);
    } catch (NoSuchFileException e) {
      return hidden;
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot withdraw " + dir.resolve(fileName) + ": " + e.getMessage());
    }
    return hidden;
  }

  void delete(Path p) throws PkgbuildException {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot delete " + p + ": " + e.getMessage());
    }
  }
}
