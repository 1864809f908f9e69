package dev.pkgbuild.sandbox;

import dev.pkgbuild.io.RootPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Looks up a path of a package root the way a process with that root as {@code /} sees it:
 * a link's target resolves inside the root (an absolute target starts again at the root, and
 * {@code ..} stops there), never on the host ({@link RootPaths}).
 */
final class InRoot {
  private InRoot() {}

  /** The host path of what {@code path} (absolute, inside the root) names, or empty when nothing. */
  static Optional<Path> resolve(Path root, String path) {
    try {
      String rel = RootPaths.resolve(root, path, true);
      Path p = rel == null ? null : rel.isEmpty() ? root : root.resolve(rel);
      return p != null && Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Optional.of(p) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
