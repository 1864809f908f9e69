package dev.pkgbuild.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds places inside an installed root the way a process chrooted into it would: symlinks
 * on the way are followed (Wolfi's {@code /bin -> usr/bin}), an absolute target starts again
 * at the root, and a target that climbs above the root is an escape, refused rather than
 * clamped. Every directory reached this way is a real directory under the root, checked with
 * lstat, so nothing is ever written outside it.
 */
final class RootLayout {
  private static final int MAX_HOPS = 40;
  private final Path root;

  /** Why a place cannot be used; the caller adds the package and entry. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String why) {
      super(why, null, false, false);
    }
  }

  RootLayout(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * The components of an entry name: relative, no empty, {@code .} or {@code ..} parts, no
   * control characters, at most one trailing slash.
   */
  static List<String> split(String name) throws Refusal {
    if (name.startsWith("/")) {
      throw new Refusal("has an absolute path");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new Refusal("has a control character in its name");
    }
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    List<String> parts = List.of(trimmed.split("/", -1));
    for (String p : parts) {
      if (p.equals("..")) {
        throw new Refusal("leaves the root through '..'");
      }
      if (p.isEmpty() || p.equals(".")) {
        throw new Refusal("has an empty or '.' path component");
      }
    }
    return parts;
  }

  /**
   * The real directory that holds the last component of {@code parts}, following symlinks
   * inside the root and making missing directories (0755) on the way.
   */
  Path parentOf(List<String> parts) throws Refusal, IOException {
    return directory(parts.subList(0, parts.size() - 1), true);
  }

  /** The real directory for {@code parts}, or null when some part is missing and {@code create} is false. */
  Path directory(List<String> parts, boolean create) throws Refusal, IOException {
    List<String> done = new ArrayList<>();
    List<String> todo = new ArrayList<>(parts);
    int hops = 0;
    while (!todo.isEmpty()) {
      String next = todo.remove(0);
      Path cur = at(done).resolve(next);
      BasicFileAttributes a = lstat(cur);
      if (a == null) {
        if (!create) {
          return null;
        }
        Files.createDirectory(cur);
        done.add(next);
      } else if (a.isDirectory()) {
        done.add(next);
      } else if (a.isSymbolicLink()) {
        if (++hops > MAX_HOPS) {
          throw new Refusal("meets too many symlinks at '" + String.join("/", done) + "/" + next + "'");
        }
        String target = Files.readSymbolicLink(cur).toString();
        todo.addAll(0, follow(done, target, next));
        if (target.startsWith("/")) {
          done.clear();
        }
      } else {
        throw new Refusal("has the non-directory '" + rel(done, next) + "' as a parent");
      }
    }
    return at(done);
  }

  /** The components a symlink's target stands for, relative to where resolution restarts. */
  private static List<String> follow(List<String> done, String target, String link) throws Refusal {
    String where = rel(done, link);
    List<String> base = target.startsWith("/") ? new ArrayList<>() : new ArrayList<>(done);
    List<String> out = new ArrayList<>();
    int depth = base.size();
    for (String p : target.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        } else if (depth > 0) {
          depth--;
          done.remove(done.size() - 1);
        } else {
          throw new Refusal("would be written through the symlink '" + where + "', which points out of the root (" + target + ")");
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  private static String rel(List<String> done, String last) {
    return done.isEmpty() ? last : String.join("/", done) + "/" + last;
  }

  private Path at(List<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }

  /** The attributes of {@code p} itself, or null when nothing is there. */
  static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
