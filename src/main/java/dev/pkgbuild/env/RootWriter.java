package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIdentity;
import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.source.SafeExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts staged data entries into the root, package by package in install order: directories,
 * regular files (moved from the stage, then mode and mtime), symlinks (target verbatim, never
 * followed), hard links to an earlier file of the same package. Names are checked as
 * {@link RootLayout} and apk-tools require, and other packages' files only replaced as
 * {@link FileOwners} allows; the stage bounded entries and bytes with {@link SafeExtractor}'s
 * limits. Owners are recorded, not applied: the sandbox maps them.
 */
final class RootWriter {
  private final RootLayout layout;
  private final FileOwners owners = new FileOwners();
  private final Map<Path, Acl> dirAcls = new LinkedHashMap<>();
  private final long epoch;
  private long bytes;

  RootWriter(RootLayout layout, long epoch) {
    this.layout = layout;
    this.epoch = epoch;
  }

  long bytes() {
    return bytes;
  }

  /** The owner and mode each created directory ends with, merged over packages as apk does. */
  Map<Path, Acl> dirAcls() {
    return dirAcls;
  }

  /** Puts every entry of {@code staged} into the root, in archive order. */
  void place(PackageStager.Staged staged) throws IOException, PkgbuildException {
    for (PackageStager.Entry entry : staged.entries()) {
      write(staged.pkg(), entry);
    }
  }

  private void write(InstalledPackage pkg, PackageStager.Entry staged) throws IOException, PkgbuildException {
    TarEntry e = staged.entry();
    Map<String, String> pax = staged.pax();
    if (e.name().startsWith(".")) {
      return; // apk reads top-level dot names only in the control member
    }
    try {
      List<String> parts = RootLayout.split(e.name());
      Acl acl = new Acl(e.uid(), e.gid(), e.mode() & 07777, Acl.xattrChecksum(pax));
      if (acl.xattrs() != null) {
        pkg.brokenXattrs = true; // recorded, but an unprivileged user cannot set them: apk's f:x
      }
      if (e.type() == TarEntry.Type.DIRECTORY) {
        directory(pkg, parts, acl);
      } else if (!parts.get(parts.size() - 1).startsWith(".keep_")) {
        nonDirectory(pkg, staged, parts, acl);
      }
    } catch (RootLayout.Refusal r) {
      throw refuse(pkg, e.name(), r.getMessage());
    }
  }

  static PkgbuildException refuse(InstalledPackage pkg, String entry, String why) {
    return PkgbuildException.badInput(pkg.label() + ": entry '" + entry + "' " + why);
  }

  private void directory(InstalledPackage pkg, List<String> parts, Acl acl) throws RootLayout.Refusal, IOException {
    Path parent = layout.parentOf(parts);
    Path here = parent.resolve(parts.get(parts.size() - 1));
    BasicFileAttributes before = RootLayout.lstat(here);
    Path real = layout.directory(parts, true);
    pkg.dir(String.join("/", parts)).acl = acl;
    // A directory that was a symlink keeps the link's target as it is (Wolfi's /bin -> usr/bin).
    if (before == null || before.isDirectory()) {
      dirAcls.merge(real, acl, RootWriter::mergeDir);
    }
  }

  /** apk's rule for a directory several packages hold: the lowest uid, then gid, wins; equal owners AND their modes. */
  private static Acl mergeDir(Acl cur, Acl next) {
    if (next.uid() < cur.uid() || next.uid() == cur.uid() && next.gid() < cur.gid()) {
      return next;
    }
    if (next.uid() == cur.uid() && next.gid() == cur.gid()) {
      return new Acl(cur.uid(), cur.gid(), cur.mode() & next.mode(), cur.xattrs());
    }
    return cur;
  }

  private void nonDirectory(InstalledPackage pkg, PackageStager.Entry staged, List<String> parts, Acl acl)
      throws RootLayout.Refusal, IOException, PkgbuildException {
    TarEntry e = staged.entry();
    String dirName = String.join("/", parts.subList(0, parts.size() - 1));
    String base = parts.get(parts.size() - 1);
    InstalledPackage.Dir dir = pkg.dirs.get(dirName);
    if (dir == null && !dirName.isEmpty()) {
      throw new RootLayout.Refusal("has no directory entry for '" + dirName + "' before it");
    }
    if (owners.claim(pkg, String.join("/", parts)) == FileOwners.Decision.KEEP) {
      return;
    }
    Path path = layout.parentOf(parts).resolve(base);
    String checksum = switch (e.type()) {
      case FILE -> file(path, staged);
      case SYMLINK -> symlink(path, e.linkTarget(), e.sha1());
      case HARDLINK -> hardlink(pkg, path, e.linkTarget());
      default -> throw new RootLayout.Refusal("is a device node, FIFO or other special file");
    };
    pkg.dir(dirName).files.put(base, new InstalledPackage.FileRecord(acl, checksum));
  }

  /** The staged bytes renamed into place: the data was written once, on the stage's thread. */
  private String file(Path path, PackageStager.Entry staged) throws IOException, RootLayout.Refusal {
    TarEntry e = staged.entry();
    clear(path);
    Files.move(staged.content(), path); // with the mode and mtime the stage gave it
    bytes += staged.size();
    String recorded = PackageUnpacker.q1(e.sha1());
    return recorded != null ? recorded : staged.checksum();
  }

  private String symlink(Path path, String target, String record) throws IOException, RootLayout.Refusal {
    if (target.isEmpty()) {
      throw new RootLayout.Refusal("is a symlink with an empty target");
    }
    clear(path);
    Files.createSymbolicLink(path, Path.of(target));
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.fromMillis(epoch * 1000), null, null);
    String recorded = PackageUnpacker.q1(record);
    return recorded != null ? recorded : ApkIdentity.fromSha1(Digests.sha1(target.getBytes(StandardCharsets.UTF_8)));
  }

  /** A hard link names a regular file this package wrote earlier; it shares that file's checksum. */
  private String hardlink(InstalledPackage pkg, Path path, String target) throws IOException, RootLayout.Refusal {
    List<String> parts = RootLayout.split(target);
    String dirName = String.join("/", parts.subList(0, parts.size() - 1));
    InstalledPackage.Dir dir = pkg.dirs.get(dirName);
    InstalledPackage.FileRecord earlier = dir == null ? null : dir.files.get(parts.get(parts.size() - 1));
    Path existing = layout.parentOf(parts).resolve(parts.get(parts.size() - 1));
    BasicFileAttributes a = RootLayout.lstat(existing);
    if (earlier == null || a == null || !a.isRegularFile()) {
      throw new RootLayout.Refusal("is a hard link to '" + target + "', which is not an earlier file of the package");
    }
    clear(path);
    Files.createLink(path, existing);
    return earlier.checksum();
  }

  /** Removes what an earlier package left at {@code path}; a directory is never replaced by a file. */
  private static void clear(Path path) throws IOException, RootLayout.Refusal {
    BasicFileAttributes a = RootLayout.lstat(path);
    if (a != null && a.isDirectory()) {
      throw new RootLayout.Refusal("would replace the directory '" + path.getFileName() + "'");
    }
    if (a != null) {
      Files.delete(path);
    }
  }
}
