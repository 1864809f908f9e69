package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The moves of a publish in flight, written to {@code <arch>/.pkgbuild/journal} before the
 * first package is moved in and removed only after the index naming them is written. A
 * package it replaces is set aside in {@code .pkgbuild/replaced/} first. Whoever finds the
 * journal (the failing publish itself, or the next update after a crash) settles it: a move
 * the index on disk records is kept, any other is undone, so no package gets into the folder
 * unless a publish that wrote it completed.
 */
final class PublishJournal {
  /** One package going in: its file, the identity it will be indexed with, and whether a file is replaced. */
  record Move(String fileName, String checksum, boolean replaces) {
    String line() {
      return fileName + "\t" + checksum + "\t" + (replaces ? "replaces" : "new");
    }

    static Move parse(String line, Path journal) throws PkgbuildException {
      String[] f = line.split("\t", -1);
      if (f.length != 3 || !(f[2].equals("replaces") || f[2].equals("new"))) {
        throw PkgbuildException.failed(journal + ": unreadable line '" + line
            + "'; move the files it names out of the folder by hand, then delete it");
      }
      return new Move(f[0], f[1], f[2].equals("replaces"));
    }
  }

  private final Path dir;
  private final Path file;
  private final Path replaced;

  PublishJournal(Path archDir) {
    this.dir = archDir;
    this.file = archDir.resolve(ArchFolder.STATE).resolve("journal");
    this.replaced = archDir.resolve(ArchFolder.STATE).resolve("replaced");
  }

  Path file() {
    return file;
  }

  /**
   * The moves that put {@code staged} in place under their records' names, noting which
   * replace a file.
   *
   * @throws PkgbuildException (bad input) when two share a name and version: the second would
   *     overwrite the first, so nothing may move
   */
  static List<Move> plan(Path archDir, List<StagedApk> staged, List<IndexEntry> entries) throws PkgbuildException {
    Map<String, Path> seen = new HashMap<>();
    List<Move> moves = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      IndexEntry e = entries.get(i);
      Path first = seen.putIfAbsent(e.fileName(), staged.get(i).file());
      if (first != null) {
        throw PkgbuildException.badInput("two packages named " + e.name() + " at version " + e.version()
            + " in one publish (" + first + " and " + staged.get(i).file() + "); nothing was published");
      }
      moves.add(new Move(e.fileName(), e.checksum(), Files.exists(archDir.resolve(e.fileName()))));
    }
    return moves;
  }

  /** Journals the moves, then makes them, each replaced file set aside first. */
  void moveIn(List<Move> moves, List<StagedApk> staged, ArchFolder folder) throws PkgbuildException {
    begin(moves);
    for (int i = 0; i < moves.size(); i++) {
      if (moves.get(i).replaces()) {
        setAside(moves.get(i));
      }
      folder.bringIn(staged.get(i), moves.get(i).fileName());
    }
    AtomicFiles.fsyncDir(dir);
  }

  /** Records the moves, durably, before any of them is made. */
  private void begin(List<Move> moves) throws PkgbuildException {
    StringBuilder b = new StringBuilder();
    moves.forEach(m -> b.append(m.line()).append('\n'));
    try {
      Files.createDirectories(replaced);
      AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** Moves the file a publish is about to replace out of the way, so a failure can put it back. */
  private void setAside(Move m) throws PkgbuildException {
    try {
      AtomicFiles.move(dir.resolve(m.fileName()), replaced.resolve(m.fileName()));
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot set aside " + dir.resolve(m.fileName()) + ": " + e.getMessage());
    }
  }

  /** After the index is written: the replaced files are dropped and the journal removed. */
  void finish(List<Move> moves) throws PkgbuildException {
    for (Move m : moves) {
      delete(replaced.resolve(m.fileName()));
    }
    delete(file);
  }

  /** Undoes every move of a publish whose index was not written: new files go, replaced ones come back. */
  void rollBack(List<Move> moves, Consumer<String> notes) throws PkgbuildException {
    for (Move m : moves) {
      undo(m, notes);
    }
    AtomicFiles.fsyncDir(dir);
    delete(file);
  }

  /**
   * Settles a journal a dead publisher left, against the index on disk ({@code current}):
   * moves that index records are kept, the others undone.
   */
  void settle(ApkIndex current, Consumer<String> notes) throws PkgbuildException {
    List<Move> moves = read();
    if (moves.isEmpty()) {
      return;
    }
    List<Move> undone = new ArrayList<>();
    for (Move m : moves) {
      if (recorded(current, m) && Files.exists(dir.resolve(m.fileName()))) {
        delete(replaced.resolve(m.fileName()));
      } else {
        undone.add(m);
      }
    }
    rollBack(undone, notes);
  }

  private static boolean recorded(ApkIndex index, Move m) {
    for (IndexEntry e : index.entries()) {
      if (e.fileName().equals(m.fileName())) {
        return e.checksum() != null && e.checksum().equals(m.checksum());
      }
    }
    return false;
  }

  private void undo(Move m, Consumer<String> notes) throws PkgbuildException {
    Path target = dir.resolve(m.fileName());
    Path aside = replaced.resolve(m.fileName());
    try {
      if (m.replaces()) {
        if (Files.exists(aside)) {
          AtomicFiles.move(aside, target);
          notes.accept("restored " + m.fileName() + ": the publish that replaced it did not complete");
        }
      } else if (Files.deleteIfExists(target)) {
        notes.accept("removed " + m.fileName() + ": the publish that put it there did not complete");
      }
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot undo the move of " + target + ": " + e.getMessage()
          + "; " + file + " still lists it");
    }
  }

  private List<Move> read() throws PkgbuildException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot read " + file + ": " + e.getMessage());
    }
    List<Move> moves = new ArrayList<>();
    for (String l : lines) {
      if (!l.isEmpty()) {
        moves.add(Move.parse(l, file));
      }
    }
    return moves;
  }

  private static void delete(Path p) throws PkgbuildException {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot delete " + p + ": " + e.getMessage());
    }
  }
}
