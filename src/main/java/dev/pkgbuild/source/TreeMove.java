package dev.pkgbuild.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/** Moves a tree into a folder that may already hold files: the moved side wins, as with tar. */
final class TreeMove {
  private TreeMove() {}

  /** Moves every child of {@code from} into {@code to}, merging folders that exist on both sides. */
  static void mergeInto(Path from, Path to) throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(from)) {
      children = s.sorted().toList();
    }
    for (Path child : children) {
      Path target = to.resolve(child.getFileName().toString());
      boolean bothDirs = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
          && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
      if (bothDirs) {
        mergeInto(child, target);
        continue;
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        deleteQuietly(target);
      }
      Files.move(child, target);
    }
  }

  /** Removes a tree without following symlinks; best effort. */
  static void deleteQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // Leftovers sit in the workspace, which is removed with the build.
    }
  }
}
