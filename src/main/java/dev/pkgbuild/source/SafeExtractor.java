package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks untrusted source archives (tar, tar.gz, tar.xz, tar.bz2, tar.zst, zip) so
 * that nothing lands outside the destination: absolute and escaping names, hard links
 * outside the archive, device nodes, FIFOs and writes through symlinks are refused,
 * and the expanded size and entry count are bounded. Modes are kept (not setuid bits,
 * not owners); mtimes are kept as the archive gives them.
 */
public final class SafeExtractor {
  /** Default bound on the number of entries. */
  public static final long DEFAULT_MAX_ENTRIES = 1_000_000;
  /** Default bound on the expanded size: 8 GiB. */
  public static final long DEFAULT_MAX_BYTES = 8L << 30;
  private static final int MAX_LINK_TARGET = 4096;

  private SafeExtractor() {}

  /** Extracts with the default entry-count bound. */
  public static void extract(Path archive, Path dest, int stripComponents, long maxExpandedBytes)
      throws PkgbuildException {
    extract(archive, dest, stripComponents, maxExpandedBytes, DEFAULT_MAX_ENTRIES);
  }

  /**
   * Extracts {@code archive} into {@code dest} (created if missing), dropping the first
   * {@code stripComponents} path components of every entry.
   *
   * @throws PkgbuildException naming the archive and the entry on the first unsafe
   *     entry, or when the file is not an archive; earlier entries stay in dest
   */
  public static void extract(Path archive, Path dest, int stripComponents, long maxExpandedBytes,
      long maxEntries) throws PkgbuildException {
    extract(archive, archive.getFileName().toString(), dest, stripComponents, maxExpandedBytes, maxEntries);
  }

  /** As above, naming the archive {@code name} in errors (a cache entry's own name says little). */
  static void extract(Path archive, String name, Path dest, int stripComponents, long maxExpandedBytes,
      long maxEntries) throws PkgbuildException {
    try {
      Optional<ArchiveFormat> format = ArchiveFormat.detect(archive);
      if (format.isEmpty()) {
        throw PkgbuildException.badInput(name + " is not an archive (" + ArchiveFormat.KNOWN
            + "); use extract: false to keep it as a file");
      }
      Files.createDirectories(dest);
      Path root = dest.toRealPath();
      ExtractTarget target = new ExtractTarget(root, name, stripComponents, maxExpandedBytes, maxEntries);
      if (format.get() == ArchiveFormat.ZIP) {
        extractZip(archive, target);
      } else {
        extractTar(archive, format.get(), name, target);
      }
      target.finish();
    } catch (IOException e) {
      throw PkgbuildException.badInput("cannot extract " + name + ": " + describe(e), e);
    }
  }

  private static void extractTar(Path archive, ArchiveFormat format, String name, ExtractTarget target)
      throws IOException, PkgbuildException {
    try (InputStream raw = Files.newInputStream(archive)) {
      InputStream plain = format.openTar(raw);
      if (plain == null) {
        throw PkgbuildException.badInput(name + " holds " + format.label
            + " data that is not a tar archive; use extract: false to keep it as a file");
      }
      TarArchiveInputStream tar = new TarArchiveInputStream(plain);
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        tarEntry(e, tar, target);
      }
    }
  }

  private static void tarEntry(TarArchiveEntry e, InputStream data, ExtractTarget target)
      throws IOException, PkgbuildException {
    String name = e.getName();
    if (e.isCharacterDevice() || e.isBlockDevice()) {
      throw target.refuse(name, "is a device node");
    }
    if (e.isFIFO()) {
      throw target.refuse(name, "is a FIFO");
    }
    Path path = target.resolve(name);
    if (path == null) {
      return;
    }
    int mode = e.getMode() & 0777;
    FileTime mtime = FileTime.from(e.getLastModifiedDate().toInstant());
    if (e.isSymbolicLink()) {
      target.symlink(name, path, e.getLinkName());
    } else if (e.isLink()) {
      target.hardlink(name, path, e.getLinkName());
    } else if (e.isDirectory()) {
      target.directory(name, path, mode, mtime);
    } else if (isRegular(e)) {
      target.file(name, path, mode, mtime, data);
    } else {
      throw target.refuse(name, "has the unsupported tar type '" + (char) e.getLinkFlag() + "'");
    }
  }

  private static boolean isRegular(TarArchiveEntry e) {
    byte flag = e.getLinkFlag();
    return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
        || flag == TarConstants.LF_CONTIG || e.isSparse();
  }

  private static void extractZip(Path archive, ExtractTarget target) throws IOException, PkgbuildException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
        try (InputStream in = zip.getInputStream(e)) {
          zipEntry(e, in, target);
        }
      }
    }
  }

  private static void zipEntry(ZipArchiveEntry e, InputStream in, ExtractTarget target)
      throws IOException, PkgbuildException {
    String name = e.getName();
    int type = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & 0170000 : 0;
    if (type == 0020000 || type == 0060000) {
      throw target.refuse(name, "is a device node");
    }
    if (type == 0010000 || type == 0140000) {
      throw target.refuse(name, "is a FIFO or socket");
    }
    Path path = target.resolve(name);
    if (path == null) {
      return;
    }
    int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & 0777 : 0;
    FileTime mtime = e.getLastModifiedTime();
    if (e.isUnixSymlink()) {
      byte[] link = in.readNBytes(MAX_LINK_TARGET + 1);
      if (link.length > MAX_LINK_TARGET) {
        throw target.refuse(name, "is a symlink with an overlong target");
      }
      target.symlink(name, path, new String(link, StandardCharsets.UTF_8));
    } else if (e.isDirectory()) {
      target.directory(name, path, mode, mtime);
    } else {
      target.file(name, path, mode, mtime, in);
    }
  }

  private static String describe(IOException e) {
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }
}
