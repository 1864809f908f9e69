package dev.pkgbuild.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a tar stream header by header, so the caller decides how it ends: APK signature and
 * control segments must stop right after the last data block ({@link Trailer#OMIT}), while a
 * data segment or an index may carry the end-of-archive blocks ({@link Trailer#END_BLOCKS}).
 * Numbers are zero-padded octal, magic is POSIX {@code ustar\0 00}, and names longer than 100
 * bytes and checksums travel in a pax {@code x} header before the entry. Never closes the
 * underlying stream.
 */
public final class TarSegmentWriter {
  /** The {@code pax} key apk-tools reads a file's SHA-1 from. */
  public static final String CHECKSUM_KEY = "APK-TOOLS.checksum.SHA1";
  /** apk-tools 2 reads the size through a 32-bit integer, so 4 GiB is the ceiling per file. */
  public static final long MAX_FILE_SIZE = (1L << 32) - 1;
  private static final byte[] ZEROS = new byte[TarHeader.BLOCK];

  /** How a segment ends. */
  public enum Trailer {
    /** Two zero blocks: a complete, stand-alone tar. */
    END_BLOCKS,
    /** Nothing after the last entry: for segments that get concatenated (APK signature, control). */
    OMIT
  }

  private final OutputStream out;
  private byte[] buf; // one copy buffer for all entries: a tree has tens of thousands
  private boolean finished;

  /** A writer over {@code out}. */
  public TarSegmentWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes one entry; {@code content} supplies exactly {@code e.size()} bytes for a regular file.
   *
   * @throws IOException when writing fails or the content is shorter than declared
   */
  public void write(TarEntry e, InputStream content) throws IOException {
    long size = header(e);
    if (size > 0) {
      copy(content, size, e.name());
      pad(size);
    }
  }

  /** Writes a regular file held in memory. @throws IOException when writing fails or the length is not {@code e.size()} */
  public void write(TarEntry e, byte[] content) throws IOException {
    long size = header(e);
    if (size > 0) {
      if (content.length != size) {
        throw new IOException(e.name() + ": " + content.length + " bytes, declared " + size);
      }
      out.write(content);
      pad(size);
    }
  }

  /** Writes the pax and ustar headers; returns how many content bytes must follow. */
  private long header(TarEntry e) throws IOException {
    if (e.size() > MAX_FILE_SIZE) {
      throw new IOException(e.name() + ": " + e.size() + " bytes is more than apk v2 can hold per file (4 GiB)");
    }
    String link = e.type() == TarEntry.Type.SYMLINK || e.type() == TarEntry.Type.HARDLINK ? e.linkTarget() : null;
    Map<String, String> pax = new LinkedHashMap<>();
    if (!TarHeader.fits(e.name())) {
      pax.put("path", e.name());
    }
    if (link != null && !TarHeader.fits(link)) {
      pax.put("linkpath", link);
    }
    if (e.sha1() != null) {
      pax.put(CHECKSUM_KEY, e.sha1());
    }
    if (!pax.isEmpty()) {
      byte[] body = paxBody(pax);
      out.write(TarHeader.encode("PaxHeaders/" + truncate(e.name()), 'x', e, body.length, null));
      out.write(body);
      pad(body.length);
    }
    long size = e.type() == TarEntry.Type.FILE ? e.size() : 0;
    out.write(TarHeader.encode(truncate(e.name()), e.type().flag(), e, size, link == null ? null : truncate(link)));
    return size;
  }

  /** Ends the segment as chosen; the writer cannot be used afterwards. @throws IOException on write failure */
  public void finish(Trailer trailer) throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    if (trailer == Trailer.END_BLOCKS) {
      out.write(ZEROS);
      out.write(ZEROS);
    }
    out.flush();
  }

  private void copy(InputStream in, long size, String name) throws IOException {
    if (buf == null) {
      buf = new byte[1 << 16];
    }
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException(name + ": file shrank while being archived");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % TarHeader.BLOCK);
    if (rest != 0) {
      out.write(ZEROS, 0, TarHeader.BLOCK - rest);
    }
  }

  private static String truncate(String name) {
    byte[] b = TarHeader.utf8(name);
    if (b.length <= TarHeader.NAME_LEN) {
      return name;
    }
    return new String(b, b.length - TarHeader.NAME_LEN, TarHeader.NAME_LEN, StandardCharsets.UTF_8).replace("\uFFFD", "_");
  }

  /** pax records are {@code "<len> key=value\n"} where len counts the whole record, itself included. */
  static byte[] paxBody(Map<String, String> records) {
    StringBuilder b = new StringBuilder();
    records.forEach((k, v) -> {
      int rest = TarHeader.utf8(" " + k + "=" + v + "\n").length;
      int len = rest + String.valueOf(rest).length();
      if (String.valueOf(len).length() != String.valueOf(rest).length()) {
        len++;
      }
      b.append(len).append(' ').append(k).append('=').append(v).append('\n');
    });
    return TarHeader.utf8(b.toString());
  }
}
