package dev.pkgbuild.image;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.RootPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads an installed root's {@code lib/apk/db/installed}: the owner and mode of every path
 * (the layer carries these, not the disk's), and which paths each package holds (the groups of
 * per-package layering). Paths are the root's real ones: a record's {@code F:bin} on a root
 * where {@code bin -> usr/bin} names {@code usr/bin}. A directory that is a symlink on disk
 * keeps the link's owner (the installer left the link alone); a directory several packages
 * hold follows apk: the lowest uid, then gid, wins, and equal owners AND their modes; a file
 * two records name keeps the last.
 */
public final class InstalledOwners {
  /** Where apk keeps the database, relative to the root (followed through {@code lib -> usr/lib}). */
  public static final String DB = "lib/apk/db/installed";

  private final Map<String, Owner> owners = new TreeMap<>();
  private final Map<String, Set<String>> packages = new LinkedHashMap<>();

  private InstalledOwners() {}

  /**
   * The owner of each recorded path, relative, sorted; empty when the root has no database.
   *
   * @throws PkgbuildException when the database cannot be parsed
   * @throws IOException when it cannot be read
   */
  public static Map<String, Owner> read(Path root) throws IOException, PkgbuildException {
    return Collections.unmodifiableMap(parse(root).owners);
  }

  /**
   * The real paths of each package's directories (symlinked ones left out) and files, by
   * package name in database order; empty when the root has no database.
   *
   * @throws PkgbuildException when the database cannot be parsed
   * @throws IOException when it cannot be read
   */
  public static Map<String, Set<String>> packagePaths(Path root) throws IOException, PkgbuildException {
    return Collections.unmodifiableMap(parse(root).packages);
  }

  private static InstalledOwners parse(Path root) throws IOException, PkgbuildException {
    InstalledOwners r = new InstalledOwners();
    String db = RootPaths.resolve(root, DB, true);
    Path file = db == null ? null : root.resolve(db);
    if (file == null || !Files.isRegularFile(file)) {
      return r;
    }
    r.new Reader(root).lines(Files.readAllLines(file, StandardCharsets.UTF_8));
    return r;
  }

  /** The state of a walk through the records. */
  private final class Reader {
    private final Path root;
    private Set<String> pkg;
    private String dir; // the real path of the last F:, null after a blank line
    private String dirKey; // where its owner goes; null when the directory is a symlink
    private Owner dirOwner; // this record's owner of dirKey, merged with others' at the next F:
    private String fileKey; // where the last R:'s a: goes
    private int lineNo;

    Reader(Path root) {
      this.root = root;
    }

    void lines(Iterable<String> lines) throws IOException, PkgbuildException {
      for (String line : lines) {
        lineNo++;
        if (line.isEmpty()) {
          endDir();
          pkg = null;
          dir = null;
          continue;
        }
        if (line.length() < 2 || line.charAt(1) != ':') {
          throw bad("is not a 'letter:value' line");
        }
        line(line.charAt(0), line.substring(2));
      }
      endDir();
    }

    private void line(char letter, String v) throws IOException, PkgbuildException {
      switch (letter) {
        case 'P' -> pkg = packages.computeIfAbsent(v, k -> new TreeSet<>());
        case 'F' -> {
          endDir();
          dir = RootPaths.resolve(root, v, true);
          String here = RootPaths.resolve(root, v, false);
          boolean link = here == null || here.isEmpty() || Files.isSymbolicLink(root.resolve(here));
          dirKey = link ? null : here;
          dirOwner = Owner.DEFAULT_DIR;
          if (dirKey != null && pkg != null) {
            pkg.add(dirKey);
          }
        }
        case 'M' -> dirOwner = owner(v);
        case 'R' -> {
          if (dir == null) {
            throw bad("names a file before any F: line");
          }
          fileKey = dir.isEmpty() ? v : dir + "/" + v;
          owners.put(fileKey, Owner.DEFAULT_FILE);
          if (pkg != null) {
            pkg.add(fileKey);
          }
        }
        case 'a' -> {
          if (fileKey == null) {
            throw bad("has an a: line without an R: line before it");
          }
          owners.put(fileKey, owner(v));
        }
        default -> { }
      }
    }

    private void endDir() {
      if (dirKey != null) {
        owners.merge(dirKey, dirOwner, InstalledOwners::mergeDir);
      }
      dirKey = null;
      fileKey = null;
    }

    /** {@code uid:gid:mode[:Q1xattrs]}, the mode in octal with or without a leading zero. */
    private Owner owner(String v) throws PkgbuildException {
      String[] f = v.split(":");
      try {
        return new Owner(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2], 8));
      } catch (RuntimeException e) {
        throw bad("has an owner '" + v + "' that is not uid:gid:octal-mode");
      }
    }

    private PkgbuildException bad(String why) {
      return PkgbuildException.badInput(DB + " line " + lineNo + " " + why);
    }
  }

  /** apk's rule for a directory several packages hold. */
  private static Owner mergeDir(Owner cur, Owner next) {
    if (next.uid() < cur.uid() || next.uid() == cur.uid() && next.gid() < cur.gid()) {
      return next;
    }
    if (next.uid() == cur.uid() && next.gid() == cur.gid()) {
      return new Owner(cur.uid(), cur.gid(), cur.mode() & next.mode());
    }
    return cur;
  }
}
