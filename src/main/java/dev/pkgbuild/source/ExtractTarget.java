package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The destination side of an extraction: every write goes through here and is checked.
 * Names are normalised by text and must stay under {@code dest}; no parent on the way
 * may be a symlink (checked with lstat, top down), so nothing is written through a link.
 */
final class ExtractTarget {
  private final Path dest;
  private final String archive;
  private final int strip;
  private final long maxBytes;
  private final long maxEntries;
  private final Set<Path> files = new HashSet<>();
  private final List<DirMeta> dirs = new ArrayList<>();
  private long bytes;
  private long entries;

  private record DirMeta(Path path, int mode, FileTime mtime) {}

  ExtractTarget(Path dest, String archive, int strip, long maxBytes, long maxEntries) {
    this.dest = dest;
    this.archive = archive;
    this.strip = strip;
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  /** The one-line refusal naming the archive and the entry. */
  PkgbuildException refuse(String entry, String why) {
    return PkgbuildException.badInput("unsafe archive " + archive + ": entry '" + entry + "' " + why);
  }

  /** The place under dest for {@code name}, or null when strip-components drops it. */
  Path resolve(String name) throws PkgbuildException {
    if (++entries > maxEntries) {
      throw refuse(name, "exceeds the limit of " + maxEntries + " entries");
    }
    Path rel = relative(name, name);
    return rel == null ? null : dest.resolve(rel);
  }

  private Path relative(String entry, String name) throws PkgbuildException {
    if (name.startsWith("/")) {
      throw refuse(entry, "has an absolute path");
    }
    List<String> parts = normalise(name);
    if (parts == null) {
      throw refuse(entry, "leaves the destination");
    }
    return stripped(parts);
  }

  /** The components of a relative name with . and .. applied, or null if it climbs out. */
  private static List<String> normalise(String name) {
    if (name.startsWith("/")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.remove(parts.size() - 1);
      } else if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    return parts;
  }

  private Path stripped(List<String> parts) {
    if (parts.size() <= strip) {
      return null;
    }
    return Path.of(parts.get(strip), parts.subList(strip + 1, parts.size()).toArray(String[]::new));
  }

  void directory(String name, Path path, int mode, FileTime mtime) throws IOException, PkgbuildException {
    prepareParents(name, path);
    BasicFileAttributes a = lstat(path);
    if (a != null && !a.isDirectory()) {
      Files.delete(path);
      a = null;
    }
    if (a == null) {
      Files.createDirectory(path);
    }
    setMode(path, (mode == 0 ? 0755 : mode) | 0700);
    dirs.add(new DirMeta(path, mode == 0 ? 0755 : mode, mtime));
  }

  void file(String name, Path path, int mode, FileTime mtime, InputStream in) throws IOException, PkgbuildException {
    replaceable(name, path);
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        bytes += n;
        if (bytes > maxBytes) {
          throw refuse(name, "expands the archive beyond the limit of " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
    }
    setMode(path, mode == 0 ? 0644 : mode);
    if (mtime != null) {
      Files.setLastModifiedTime(path, mtime);
    }
    files.add(path);
  }

  /** A symlink is data: created as given, never followed while extracting. */
  void symlink(String name, Path path, String target) throws IOException, PkgbuildException {
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw refuse(name, "is a symlink with an empty target");
    }
    replaceable(name, path);
    Files.createSymbolicLink(path, Path.of(target));
  }

  /** A hard link must name a regular file extracted earlier from this archive. */
  void hardlink(String name, Path path, String target) throws IOException, PkgbuildException {
    List<String> parts = normalise(target);
    Path rel = parts == null ? null : stripped(parts);
    Path existing = rel == null ? null : dest.resolve(rel);
    BasicFileAttributes a = existing == null ? null : lstat(existing);
    if (existing == null || !files.contains(existing) || a == null || !a.isRegularFile()) {
      throw refuse(name, "is a hard link to '" + target + "', which is not an earlier file in the archive");
    }
    replaceable(name, path);
    Files.createLink(path, existing);
  }

  /** Applies directory modes and times last, deepest first, as writing into them changes both. */
  void finish() throws IOException {
    for (int i = dirs.size() - 1; i >= 0; i--) {
      DirMeta d = dirs.get(i);
      setMode(d.path(), d.mode());
      if (d.mtime() != null) {
        Files.setLastModifiedTime(d.path(), d.mtime());
      }
    }
  }

  private void replaceable(String name, Path path) throws IOException, PkgbuildException {
    prepareParents(name, path);
    BasicFileAttributes a = lstat(path);
    if (a != null && a.isDirectory()) {
      throw refuse(name, "would replace a directory");
    }
    if (a != null) {
      Files.delete(path);
      files.remove(path);
    }
  }

  private void prepareParents(String name, Path path) throws IOException, PkgbuildException {
    Path rel = dest.relativize(path);
    Path cur = dest;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      cur = cur.resolve(rel.getName(i));
      BasicFileAttributes a = lstat(cur);
      if (a == null) {
        Files.createDirectory(cur);
      } else if (a.isSymbolicLink()) {
        throw refuse(name, "would be written through the symlink '" + dest.relativize(cur) + "'");
      } else if (!a.isDirectory()) {
        throw refuse(name, "has the non-directory '" + dest.relativize(cur) + "' as a parent");
      }
    }
  }

  private static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static void setMode(Path p, int mode) throws IOException {
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString(rwx(mode & 0777));
    Files.setPosixFilePermissions(p, perms);
  }

  private static String rwx(int mode) {
    StringBuilder sb = new StringBuilder(9);
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      sb.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return sb.toString();
  }
}
