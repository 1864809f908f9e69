package dev.pkgbuild.source;

import dev.pkgbuild.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

  /** Removes a tree without following symlinks; best effort (leftovers go with the workspace). */
  static void deleteQuietly(Path root) {
    FileTrees.deleteQuietly(root);
  }

}
