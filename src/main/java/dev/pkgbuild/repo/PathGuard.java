package dev.pkgbuild.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps a request path to a file under the served root, or refuses it. The path arrives
 * already percent-decoded, so {@code %2e%2e} is seen as {@code ..}; any segment that is
 * empty-dot, dot-dot or hidden (leading dot: lock, journal, temp files) is refused, and the
 * real path (symlinks followed) must stay inside the root.
 */
final class PathGuard {
  /** What a request path maps to: a file or folder inside the root, or a status to answer with. */
  record Target(Path file, int status) {}

  private final Path realRoot;

  PathGuard(Path root) throws IOException {
    this.realRoot = root.toRealPath();
  }

  Path root() {
    return realRoot;
  }

  Target resolve(String decodedPath) {
    if (decodedPath == null || !decodedPath.startsWith("/") || decodedPath.indexOf('\0') >= 0
        || decodedPath.indexOf('\\') >= 0) {
      return new Target(null, 404);
    }
    Path p = realRoot;
    for (String seg : decodedPath.substring(1).split("/", -1)) {
      if (seg.isEmpty()) {
        continue;
      }
      if (seg.startsWith(".")) {
        return new Target(null, 404);
      }
      p = p.resolve(seg);
    }
    return checkReal(p);
  }

  private Target checkReal(Path p) {
    if (!Files.exists(p)) {
      return new Target(null, 404);
    }
    Optional<Path> real;
    try {
      real = Optional.of(p.toRealPath());
    } catch (IOException e) {
      real = Optional.empty();
    }
    if (real.isEmpty() || !real.get().startsWith(realRoot)) {
      return new Target(null, 403);
    }
    return new Target(real.get(), 200);
  }
}
