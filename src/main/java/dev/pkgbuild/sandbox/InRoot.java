package dev.pkgbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Looks up a path of a package root the way a process with that root as {@code /} sees it:
 * a link's target resolves inside the root (an absolute target starts again at the root, and
 * {@code ..} stops there), never on the host.
 */
final class InRoot {
  /** As Linux: more hops than this is a loop. */
  private static final int MAX_LINKS = 40;

  private InRoot() {}

  /** The host path of what {@code path} (absolute, inside the root) names, or empty when nothing. */
  static Optional<Path> resolve(Path root, String path) {
    Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
    List<String> done = new ArrayList<>();
    int hops = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      Path here = join(root, done).resolve(name);
      if (Files.isSymbolicLink(here)) {
        String target = readLink(here);
        if (target == null || ++hops > MAX_LINKS) {
          return Optional.empty();
        }
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> parts = List.of(target.split("/"));
        for (int i = parts.size() - 1; i >= 0; i--) {
          pending.addFirst(parts.get(i));
        }
      } else if (Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
        done.add(name);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(join(root, done));
  }

  private static Path join(Path root, List<String> names) {
    Path p = root;
    for (String n : names) {
      p = p.resolve(n);
    }
    return p;
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return null;
    }
  }
}
