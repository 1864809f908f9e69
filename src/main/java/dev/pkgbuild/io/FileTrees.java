package dev.pkgbuild.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Whole-tree file operations that never follow symlinks. */
public final class FileTrees {
  /**
   * From this many files a tree is deleted on {@link #DELETERS} threads. On a busy disk each
   * unlink of a file already written back waits for the file system's journal, and the waits
   * overlap: 10,000 files took 25 s one by one and 2 s on eight threads (docs/benchmarks.md).
   */
  static final int PARALLEL_FROM = 2_000;
  static final int DELETERS = 8;

  private FileTrees() {}

  /** Deletes a tree (or a file), making read-only folders writable first; a missing path is fine. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> dirs = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        d.toFile().setWritable(true, true);
        dirs.add(d);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        files.add(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    deleteFiles(files);
    // Pre-order reversed: every folder after everything inside it.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Files.delete(dirs.get(i));
    }
  }

  private static void deleteFiles(List<Path> files) throws IOException {
    if (files.size() < PARALLEL_FROM) {
      for (Path f : files) {
        Files.delete(f);
      }
      return;
    }
    // A thread per slice, not one per core: the threads wait on the disk, not on the CPU.
    List<SideBySide.Pending<Void, IOException>> parts = new ArrayList<>();
    int slice = (files.size() + DELETERS - 1) / DELETERS;
    for (int from = 0; from < files.size(); from += slice) {
      List<Path> part = files.subList(from, Math.min(files.size(), from + slice));
      parts.add(SideBySide.start(() -> {
        for (Path f : part) {
          Files.delete(f);
        }
        return null;
      }));
    }
    IOException first = null;
    for (SideBySide.Pending<Void, IOException> part : parts) {
      try {
        part.join();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** {@link #delete} for cleanups whose failure changes nothing. */
  public static void deleteQuietly(Path root) {
    try {
      delete(root);
    } catch (IOException ignored) {
      // Best effort: what is left sits in a temp folder.
    }
  }
}
