package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
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
      copyFolder(root, root, workspace);
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot copy source dir " + from + ": " + e.getMessage());
    }
  }

  /**
   * Copies what {@code dir} holds into {@code target}. One attribute read per entry gives both
   * its type and its mode (a file tree walk reads the type, and the mode would cost a second
   * {@code stat} per file); names are resolved against the target folder as the walk goes.
   */
  private static void copyFolder(Path root, Path dir, Path target) throws IOException, PkgbuildException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        PosixFileAttributes attrs = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path to = target.resolve(entry.getFileName());
        if (attrs.isDirectory()) {
          Files.createDirectory(to);
          copyFolder(root, entry, to);
          // Mode and time last, after what is inside. The copy is a work area that later steps
          // write into (patch makes temp files beside what it patches), so the owner keeps write
          // access even when the source is read-only, as it is in a read-only checkout.
          Files.setPosixFilePermissions(to, ownerWritable(attrs.permissions()));
          Files.setLastModifiedTime(to, attrs.lastModifiedTime());
        } else if (attrs.isSymbolicLink()) {
          checkLink(root, entry);
          Files.copy(entry, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } else if (attrs.isRegularFile()) {
          // The workspace is new, so nothing is replaced; the copy takes the source's mode, and
          // only a file its owner may not write needs a chmod after it.
          Files.copy(entry, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
          if (!attrs.permissions().contains(PosixFilePermission.OWNER_WRITE)) {
            Files.setPosixFilePermissions(to, ownerWritable(attrs.permissions()));
          }
        } else {
          throw PkgbuildException.badInput("source dir " + root + ": '" + root.relativize(entry)
              + "' is not a regular file, directory or symlink");
        }
      }
    }
  }

  private static Set<PosixFilePermission> ownerWritable(Set<PosixFilePermission> perms) {
    Set<PosixFilePermission> out = EnumSet.of(PosixFilePermission.OWNER_WRITE);
    out.addAll(perms);
    return out;
  }

  /** A link must resolve inside the source folder; a dangling one must stay inside by its text. */
  private static void checkLink(Path root, Path link) throws IOException, PkgbuildException {
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
      throw PkgbuildException.badInput("source dir " + root + ": symlink '" + root.relativize(link)
          + "' -> '" + target + "' points outside the source dir");
    }
  }
}
