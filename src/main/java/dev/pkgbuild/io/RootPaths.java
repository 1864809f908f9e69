package dev.pkgbuild.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root as a process chrooted into it would: symlinks are followed
 * (Wolfi's {@code lib -> usr/lib}), an absolute target starts again at the root and {@code ..}
 * stops at the root, so the answer never leaves it. For reading an installed root (the
 * sandbox's checks, an image's database); the installer, which writes, refuses escapes instead.
 */
public final class RootPaths {
  private static final int MAX_HOPS = 40;

  private RootPaths() {}

  /**
   * The real relative path of {@code rel} ({@code ""} for the root itself), following every
   * component, or all but the last when {@code followLast} is false; null on a symlink loop.
   */
  public static String resolve(Path root, String rel, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>(parts(rel));
    List<String> done = new ArrayList<>();
    int hops = 0;
    while (!todo.isEmpty()) {
      String c = todo.pop();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      Path here = root.resolve(String.join("/", done)).resolve(c);
      if ((todo.isEmpty() && !followLast) || !Files.isSymbolicLink(here)) {
        done.add(c);
        continue;
      }
      if (++hops > MAX_HOPS) {
        return null;
      }
      String target = Files.readSymbolicLink(here).toString();
      if (target.startsWith("/")) {
        done.clear();
      }
      List<String> t = parts(target);
      for (int i = t.size() - 1; i >= 0; i--) {
        todo.push(t.get(i));
      }
    }
    return String.join("/", done);
  }

  private static List<String> parts(String p) {
    return List.of(p.split("/"));
  }
}
