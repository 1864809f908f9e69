package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import dev.pkgbuild.image.Owner;
import dev.pkgbuild.recipe.ImageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** An image's {@code paths}: folders, empty files, links and permissions, applied in order. */
final class ImagePaths {
  private ImagePaths() {}

  static void apply(Path root, List<ImageSpec.PathSpec> paths, Map<String, Owner> owners) throws PkgbuildException {
    for (ImageSpec.PathSpec p : paths) {
      String rel = relative(p.path(), p.pos());
      Path target = root.resolve(rel);
      try {
        switch (p.type()) {
          case "directory" -> {
            parents(root, rel, owners);
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
              Files.createDirectory(target);
            }
            set(owners, rel, p, 0755, target);
          }
          case "empty-file" -> {
            parents(root, rel, owners);
            Files.deleteIfExists(target);
            Files.createFile(target);
            set(owners, rel, p, 0644, target);
          }
          case "symlink" -> {
            parents(root, rel, owners);
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Path.of(p.source()));
            set(owners, rel, p, 0777, null);
          }
          case "hardlink" -> {
            parents(root, rel, owners);
            Path source = root.resolve(relative(p.source(), p.pos()));
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
              throw new PositionedException(p.pos(), "hardlink source " + p.source() + " is not a file in the image");
            }
            Files.deleteIfExists(target);
            Files.createLink(target, source);
            set(owners, rel, p, owners.getOrDefault(relative(p.source(), p.pos()), new Owner(0, 0, 0644)).mode(),
                null);
          }
          default -> permissions(root, rel, p, owners);
        }
      } catch (IOException e) {
        throw new PositionedException(p.pos(), "cannot make " + p.type() + " " + p.path() + ": " + e.getMessage());
      }
    }
  }

  private static void permissions(Path root, String rel, ImageSpec.PathSpec p, Map<String, Owner> owners)
      throws IOException, PositionedException {
    Path target = root.resolve(rel);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new PositionedException(p.pos(), "permissions: " + p.path() + " is not in the image");
    }
    if (!p.recursive()) {
      set(owners, rel, p, -1, target);
      return;
    }
    try (Stream<Path> walk = Files.walk(target)) {
      for (Path each : walk.sorted().toList()) {
        set(owners, root.relativize(each).toString(), p, -1, Files.isSymbolicLink(each) ? null : each);
      }
    }
  }

  /** The owner and mode a path gets: what it had (or root and {@code defaultMode}), then what {@code p} says. */
  private static void set(Map<String, Owner> owners, String rel, ImageSpec.PathSpec p, int defaultMode, Path file)
      throws IOException {
    Owner had = owners.get(rel);
    int mode = p.permissions() != null ? p.permissions()
        : had != null ? had.mode() : defaultMode >= 0 ? defaultMode : 0644;
    owners.put(rel, new Owner(p.uid() != null ? p.uid() : had != null ? had.uid() : 0,
        p.gid() != null ? p.gid() : had != null ? had.gid() : 0, mode));
    if (file != null) {
      Files.setAttribute(file, "unix:mode", mode & 0777);
    }
  }

  /** Makes the missing parents of {@code rel}, root's and 0755. */
  static void parents(Path root, String rel, Map<String, Owner> owners) throws IOException {
    Path parent = Path.of(rel).getParent();
    if (parent != null && !Files.isDirectory(root.resolve(parent))) {
      parents(root, parent.toString(), owners);
      Files.createDirectory(root.resolve(parent));
      owners.putIfAbsent(parent.toString(), new Owner(0, 0, 0755));
    }
  }

  /** {@code /a/b} as {@code a/b}; a path that would leave the image is refused at {@code pos}. */
  static String relative(String path, SourcePos pos) throws PositionedException {
    Path p = Path.of("/").resolve(path).normalize();
    if (!p.startsWith("/") || path.contains("\0") || p.toString().equals("/")) {
      throw new PositionedException(pos, "path '" + path + "' is not a path inside the image");
    }
    for (Path part : Path.of(path)) {
      if (part.toString().equals("..")) {
        throw new PositionedException(pos, "path '" + path + "' leaves the image");
      }
    }
    return p.toString().substring(1);
  }

}
