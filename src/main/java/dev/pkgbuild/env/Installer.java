package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.io.Nss;
import dev.pkgbuild.io.SideBySide;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Makes a root from verified packages as {@code apk add --root R --initdb --no-scripts} does:
 * unpacks them in the given order, refuses entries that would leave the root and file
 * conflicts apk refuses, makes busybox's applet links as apko does, and writes apk's
 * database and {@code /etc/apk} so that apk itself and image scanners read the root. It runs
 * unprivileged: owners are recorded in the database, not applied. The root must be new or
 * empty; when the install fails, everything written into it is removed again.
 */
public final class Installer {
  private static final String STAGE = ".pkgbuild-unpack";

  private Installer() {}

  /**
   * Installs {@code request} into {@code root}.
   *
   * @throws PkgbuildException naming the package and entry on an escape, a conflict, a
   *     package that no longer matches its index entry, or a root that is not empty
   */
  public static InstallResult install(Path root, InstallRequest request) throws PkgbuildException {
    Nss.start(); // the data hashes are native where the host has NSS; it loads while the root is prepared
    Path real = prepare(root);
    try {
      return run(real, request);
    } catch (PkgbuildException e) {
      clean(real);
      throw e;
    } catch (IOException | RuntimeException e) {
      clean(real);
      throw PkgbuildException.failed("cannot install into " + root + ": " + e.getMessage());
    }
  }

  private static InstallResult run(Path root, InstallRequest request) throws IOException, PkgbuildException {
    RootLayout layout = new RootLayout(root);
    RootWriter writer = new RootWriter(layout, request.epoch());
    // Read and staged on every core, then placed in install order; the stage is inside the
    // root (one filesystem, so placing is a rename) under a top-level dot name no package writes.
    Path stage = root.resolve(STAGE);
    PackageStager stager = new PackageStager(stage, new AtomicLong(), new AtomicLong());
    List<VerifiedPackage> packages = request.packages();
    // Largest first, so that no core is left alone with one big package at the end.
    List<Integer> bySize = IntStream.range(0, packages.size()).boxed()
        .sorted(Comparator.comparingLong((Integer i) -> packages.get(i).entry().fileSize()).reversed()).toList();
    List<PackageStager.Staged> staged = SideBySide.map(bySize, i -> stager.stage(i, packages.get(i)));
    PackageStager.Staged[] inOrder = new PackageStager.Staged[packages.size()];
    for (int k = 0; k < bySize.size(); k++) {
      inOrder[bySize.get(k)] = staged.get(k);
    }
    List<InstalledPackage> installed = new ArrayList<>();
    for (PackageStager.Staged s : inOrder) {
      writer.place(s);
      installed.add(s.pkg());
    }
    FileTrees.delete(stage); // what was kept back (an owner's file kept, a dot name) is all that is left
    List<String> notes = new ArrayList<>();
    int links;
    try {
      links = BusyboxLinks.make(layout, installed);
      ApkDatabaseFiles.write(layout, new InstalledDb(installed, request.epoch()), world(request.world()), request);
    } catch (RootLayout.Refusal r) {
      throw PkgbuildException.badInput("cannot finish the root " + root + ": " + r.getMessage());
    }
    if (links < 0) {
      notes.add("busybox ships no /etc/busybox-paths.d list: no applet links made");
    }
    finish(root, writer.dirAcls(), request.epoch());
    int[] counts = new InstalledDb(installed, request.epoch()).counts();
    return new InstallResult(installed.size(), counts[0], counts[1], writer.bytes(), Math.max(links, 0), notes);
  }

  /** apk keeps the world sorted by name as it displays names. */
  static List<String> world(List<String> atoms) {
    return atoms.stream().distinct().sorted(Comparator.comparing(Installer::atomName, InstalledDb::compareNames)
        .thenComparing(Comparator.naturalOrder())).toList();
  }

  private static String atomName(String atom) {
    try {
      return Dependency.parse(atom).name();
    } catch (PkgbuildException e) {
      return atom;
    }
  }

  private static Path prepare(Path root) throws PkgbuildException {
    try {
      Files.createDirectories(root);
      try (Stream<Path> s = Files.list(root)) {
        if (s.findAny().isPresent()) {
          throw PkgbuildException.badInput("install root " + root + " is not empty");
        }
      }
      return root.toRealPath();
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot make the install root " + root + ": " + e.getMessage());
    }
  }

  /** Directory modes last (a read-only directory written into fails), then one mtime everywhere. */
  private static void finish(Path root, Map<Path, Acl> dirAcls, long epoch) throws IOException {
    for (Map.Entry<Path, Acl> d : dirAcls.entrySet()) {
      Files.setAttribute(d.getKey(), "unix:mode", d.getValue().mode());
    }
    FileTime time = FileTime.fromMillis(epoch * 1000);
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.setLastModifiedTime(dir, time);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void clean(Path root) {
    try (Stream<Path> s = Files.list(root)) {
      s.forEach(FileTrees::deleteQuietly);
    } catch (IOException ignored) {
      // The caller was told the install failed; a root it cannot list it cannot use either.
    }
  }
}
