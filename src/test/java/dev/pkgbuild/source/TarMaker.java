package dev.pkgbuild.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Builds tar archives entry by entry, including the hostile kinds, for tests. */
final class TarMaker {
  private final List<TarArchiveEntry> entries = new ArrayList<>();
  private final List<byte[]> data = new ArrayList<>();

  TarMaker file(String name, String content, int mode) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(bytes.length);
    e.setMode(0100000 | mode);
    e.setModTime(1_000_000_000_000L);
    return add(e, bytes);
  }

  TarMaker dir(String name, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    e.setMode(040000 | mode);
    e.setModTime(1_000_000_000_000L);
    return add(e, new byte[0]);
  }

  TarMaker symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    return add(e, new byte[0]);
  }

  TarMaker hardlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    return add(e, new byte[0]);
  }

  TarMaker special(String name, byte type) {
    return add(new TarArchiveEntry(name, type), new byte[0]);
  }

  private TarMaker add(TarArchiveEntry e, byte[] bytes) {
    entries.add(e);
    data.add(bytes);
    return this;
  }

  byte[] tar() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    writeTar(buf);
    return buf.toByteArray();
  }

  /** Writes the archive compressed as {@code format} to {@code file}. */
  Path write(Path file, ArchiveFormat format) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file); OutputStream out = compress(raw, format)) {
      writeTar(out);
    }
    return file;
  }

  static OutputStream compress(OutputStream raw, ArchiveFormat format) throws IOException {
    return switch (format) {
      case TAR -> raw;
      case TAR_GZ -> new GzipCompressorOutputStream(raw);
      case TAR_BZ2 -> new BZip2CompressorOutputStream(raw);
      case TAR_XZ -> new XZCompressorOutputStream(raw);
      case TAR_ZST -> new ZstdCompressorOutputStream(raw);
      case ZIP -> throw new IllegalArgumentException("zip");
    };
  }

  /** Adds one zip entry with a unix mode (type bits included). */
  static void zipEntry(ZipArchiveOutputStream zip, String name, int mode, String content) throws IOException {
    ZipArchiveEntry e = new ZipArchiveEntry(name);
    e.setUnixMode(mode);
    zip.putArchiveEntry(e);
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeArchiveEntry();
  }

  private void writeTar(OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    for (int i = 0; i < entries.size(); i++) {
      tar.putArchiveEntry(entries.get(i));
      tar.write(data.get(i));
      tar.closeArchiveEntry();
    }
    tar.finish();
  }
}
