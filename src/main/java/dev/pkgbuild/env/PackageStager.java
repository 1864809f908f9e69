package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIdentity;
import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.source.SafeExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The half of an install that needs no order: one package read (inflated, its hashes checked)
 * and each regular file's bytes, mode and mtime written to a numbered file in a stage folder
 * on the root's filesystem, so that several packages are read on several cores. {@link RootWriter} then
 * takes the packages in install order and moves the staged files into place by rename, making
 * every decision (names, conflicts, directories, links) exactly as if it had streamed them.
 */
final class PackageStager {
  /** One data entry of a package; {@code content} is the staged bytes of a regular file, else null. */
  record Entry(TarEntry entry, Map<String, String> pax, Path content, String checksum, long size) {}

  /** A package read and staged: its database part (directories and files still empty) and its entries in order. */
  record Staged(InstalledPackage pkg, List<Entry> entries) {}

  private final Path stage;
  private final AtomicLong entries;
  private final AtomicLong bytes;

  /**
   * @param stage the folder for all packages' staged files (inside the root)
   * @param entries entries staged so far, all packages together (bounded as {@link SafeExtractor} bounds them)
   * @param bytes bytes staged so far, all packages together
   */
  PackageStager(Path stage, AtomicLong entries, AtomicLong bytes) {
    this.stage = stage;
    this.entries = entries;
    this.bytes = bytes;
  }

  /** Reads package number {@code n} and stages its files. @throws PkgbuildException as {@link PackageUnpacker} and for the bounds */
  Staged stage(int n, VerifiedPackage p) throws PkgbuildException {
    Path dir = stage.resolve(Integer.toString(n));
    List<Entry> out = new ArrayList<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot make " + dir + ": " + e.getMessage());
    }
    byte[] buf = new byte[1 << 16];
    InstalledPackage pkg = new PackageUnpacker((pk, e, pax, content) -> out.add(entry(pk, dir, out.size(), e, pax,
        content, buf))).unpack(p);
    return new Staged(pkg, out);
  }

  private Entry entry(InstalledPackage pkg, Path dir, int index, TarEntry e, Map<String, String> pax,
      InputStream content, byte[] buf) throws IOException, PkgbuildException {
    if (entries.incrementAndGet() > SafeExtractor.DEFAULT_MAX_ENTRIES) {
      throw RootWriter.refuse(pkg, e.name(), "exceeds the limit of " + SafeExtractor.DEFAULT_MAX_ENTRIES + " entries");
    }
    if (e.type() != TarEntry.Type.FILE) {
      return new Entry(e, pax, null, null, 0);
    }
    Path file = dir.resolve(Integer.toString(index));
    MessageDigest sha1 = e.sha1() == null ? Digests.of("SHA-1") : null;
    long size = 0;
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = content.read(buf)) > 0; ) {
        size += n;
        if (bytes.addAndGet(n) > SafeExtractor.DEFAULT_MAX_BYTES) {
          throw RootWriter.refuse(pkg, e.name(), "makes the root larger than " + SafeExtractor.DEFAULT_MAX_BYTES
              + " bytes");
        }
        out.write(buf, 0, n);
        if (sha1 != null) {
          sha1.update(buf, 0, n);
        }
      }
    }
    // Mode and mtime here, on the stage's thread: the rename into place keeps both.
    Files.setAttribute(file, "unix:mode", e.mode() & 07777);
    Files.setLastModifiedTime(file, FileTime.fromMillis(e.mtime() * 1000));
    return new Entry(e, pax, file, sha1 == null ? null : ApkIdentity.fromSha1(sha1.digest()), size);
  }
}
