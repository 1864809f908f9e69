package dev.pkgbuild.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * Writes what {@code apk add --initdb} leaves besides the packages: {@code lib/apk/db/}
 * ({@code installed}, {@code scripts.tar}, {@code triggers}, an empty 0600 {@code lock}),
 * {@code etc/apk/} ({@code world}, {@code arch}, and {@code keys/} and {@code repositories} when
 * there are any) and the empty {@code proc} (0555), {@code tmp} (1777), {@code dev} and
 * {@code var/cache/{apk,misc}}. Paths go through {@link RootLayout}, so on a merged-/usr root
 * ({@code lib -> usr/lib}) the database lands in {@code usr/lib/apk/db} as apko puts it.
 * Device nodes are not made: the sandbox mounts its own {@code /dev}.
 */
final class ApkDatabaseFiles {
  private ApkDatabaseFiles() {}

  static void write(RootLayout layout, InstalledDb db, List<String> world, InstallRequest request)
      throws IOException, RootLayout.Refusal {
    long epoch = request.epoch();
    Path dbDir = layout.directory(List.of("lib", "apk", "db"), true);
    file(dbDir.resolve("installed"), InstalledDb.utf8(db.installed()), 0644, epoch);
    file(dbDir.resolve("scripts.tar"), db.scriptsTar(), 0644, epoch);
    file(dbDir.resolve("triggers"), InstalledDb.utf8(db.triggers()), 0644, epoch);
    file(dbDir.resolve("lock"), new byte[0], 0600, epoch);
    Path etc = layout.directory(List.of("etc", "apk"), true);
    file(etc.resolve("world"), lines(world), 0644, epoch);
    file(etc.resolve("arch"), lines(List.of(request.arch())), 0644, epoch);
    if (!request.repositories().isEmpty()) {
      file(etc.resolve("repositories"), lines(request.repositories()), 0644, epoch);
    }
    Path keys = request.keys().isEmpty() ? null : layout.directory(List.of("etc", "apk", "keys"), true);
    for (Path key : request.keys()) {
      file(keys.resolve(key.getFileName().toString()), Files.readAllBytes(key), 0644, epoch);
    }
    emptyDir(layout, List.of("proc"), 0555);
    emptyDir(layout, List.of("tmp"), 01777);
    emptyDir(layout, List.of("dev"), 0755);
    emptyDir(layout, List.of("var", "cache", "apk"), 0755);
    emptyDir(layout, List.of("var", "cache", "misc"), 0755);
  }

  private static byte[] lines(List<String> lines) {
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(l).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A file written over whatever a package left there (apk owns these paths). */
  private static void file(Path path, byte[] content, int mode, long epoch) throws IOException, RootLayout.Refusal {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new RootLayout.Refusal("a package made '" + path.getFileName() + "' a directory");
    }
    Files.deleteIfExists(path);
    Files.write(path, content);
    Files.setAttribute(path, "unix:mode", mode);
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.fromMillis(epoch * 1000), null, null);
  }

  /** A directory apk makes when the packages did not; one they made keeps their mode. */
  private static void emptyDir(RootLayout layout, List<String> parts, int mode) throws IOException, RootLayout.Refusal {
    Path parent = layout.directory(parts.subList(0, parts.size() - 1), true);
    Path dir = parent.resolve(parts.get(parts.size() - 1));
    if (RootLayout.lstat(dir) == null) {
      Files.createDirectory(dir);
      Files.setAttribute(dir, "unix:mode", mode);
    }
  }
}
