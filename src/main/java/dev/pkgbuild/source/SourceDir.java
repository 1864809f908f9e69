package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Copies a recipe's source folder ({@code recipes/<name>/}) into the workspace. Modes
 * and times are kept, symlinks are copied as links and never followed, and a link that
 * points out of the source folder is refused: the build must not see host files.
 */
public final class SourceDir {
  private SourceDir() {}

  /**
   * Copies the contents of {@code from} into {@code workspace} (created if missing).
   *
   * @throws PkgbuildException on an escaping link, a special file, or an I/O error
   */
  public static void copy(Path from, Path workspace) throws PkgbuildException {
    if (!Files.isDirectory(from)) {
      throw PkgbuildException.badInput("source dir " + from + " is not a directory");
    }
    try {
      Path root = from.toRealPath();
      Files.createDirectories(workspace);
      Files.walkFileTree(root, new Copier(root, workspace));
    } catch (UncheckedRefusal r) {
      throw r.error;
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot copy source dir " + from + ": " + e.getMessage());
    }
  }

  /** Carries a refusal out of the file visitor, which may only throw IOException. */
  private static final class UncheckedRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient PkgbuildException error;

    UncheckedRefusal(PkgbuildException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  private static final class Copier extends SimpleFileVisitor<Path> {
    private final Path root;
    private final Path dest;

    Copier(Path root, Path dest) {
      this.root = root;
      this.dest = dest;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
      Path target = dest.resolve(root.relativize(dir).toString());
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(target);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      String rel = root.relativize(file).toString();
      if (attrs.isSymbolicLink()) {
        checkLink(file, rel);
      } else if (!attrs.isRegularFile()) {
        throw new UncheckedRefusal(PkgbuildException.badInput("source dir " + root + ": '" + rel
            + "' is not a regular file, directory or symlink"));
      }
      // The workspace is new, so nothing is replaced; the copy takes the source's mode, and only
      // a file its owner may not write needs a chmod after it (most need none).
      Path target = dest.resolve(rel);
      Set<PosixFilePermission> perms = attrs.isSymbolicLink() ? null
          : Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      if (perms != null && perms.add(PosixFilePermission.OWNER_WRITE)) {
        Files.setPosixFilePermissions(target, perms);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
      if (e != null) {
        throw e;
      }
      // Mode and time last. The copy is a work area that later steps write into (patch makes
      // temp files beside what it patches), so the owner keeps write access even when the
      // source is read-only, as it is when it comes from a read-only checkout; the
      // workspace root keeps its own mode.
      Path target = dest.resolve(root.relativize(dir).toString());
      if (!dir.equals(root)) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        perms.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(target, perms);
        Files.setLastModifiedTime(target, Files.getLastModifiedTime(dir));
      }
      return FileVisitResult.CONTINUE;
    }

    /** A link must resolve inside the source folder; a dangling one must stay inside by its text. */
    private void checkLink(Path link, String rel) throws IOException {
      Path target = Files.readSymbolicLink(link);
      boolean inside;
      if (target.isAbsolute()) {
        inside = false;
      } else if (Files.exists(link)) {
        inside = link.toRealPath().startsWith(root);
      } else {
        inside = link.getParent().resolve(target).normalize().startsWith(root);
      }
      if (!inside) {
        throw new UncheckedRefusal(PkgbuildException.badInput("source dir " + root + ": symlink '" + rel
            + "' -> '" + target + "' points outside the source dir"));
      }
    }
  }
}
