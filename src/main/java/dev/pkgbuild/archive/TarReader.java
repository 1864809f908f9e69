package dev.pkgbuild.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a tar stream strictly, the way apk-tools parses it, and notes what apk would reject
 * or a writer should never produce (space-padded numbers, wrong header checksums, no ustar
 * magic) instead of silently accepting it. pax {@code path}, {@code linkpath} and other
 * records are applied to the next entry.
 */
public final class TarReader {
  /**
   * One entry read.
   *
   * @param entry the header values (sha1 from the pax checksum record, or null)
   * @param pax all pax records that applied to it
   * @param issues problems seen in its headers, one line each
   */
  public record Item(TarEntry entry, Map<String, String> pax, List<String> issues) {}

  private static final int MAX_META = 1 << 20;
  private final InputStream in;
  private long remaining;
  private int zeroBlocks;
  private boolean ended;

  /** A reader over decompressed tar bytes. */
  public TarReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next entry, or null at the first end-of-archive block or at end of input. Read
   * {@link #content()} before calling again, or it is skipped.
   *
   * @throws IOException when the input ends inside a header or entry
   */
  public Item next() throws IOException {
    skipRest();
    Map<String, String> pax = new HashMap<>();
    List<String> issues = new ArrayList<>();
    while (true) {
      byte[] h = block();
      if (h == null) {
        return null;
      }
      if (isZero(h)) {
        zeroBlocks++;
        ended = true;
        return null;
      }
      Item item = TarHeaderParser.parse(h, pax, issues);
      char flag = (char) h[156];
      boolean meta = flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K';
      long size = item.entry().type() == TarEntry.Type.FILE || meta ? TarHeaderParser.size(h) : 0;
      if (meta) {
        applyMeta(flag, readFully(size), pax, issues);
        continue;
      }
      remaining = padded(size);
      this.contentLeft = size;
      return item;
    }
  }

  private long contentLeft;

  /** pax {@code x} records and GNU {@code L} long names apply to the next entry; {@code g} and {@code K} are ignored, as apk does. */
  private static void applyMeta(char flag, byte[] body, Map<String, String> pax, List<String> issues) {
    if (flag == 'x') {
      pax.putAll(TarHeaderParser.paxRecords(body, issues));
    } else if (flag == 'L') {
      pax.put("path", new String(body, StandardCharsets.UTF_8).replaceAll("\0+$", ""));
    }
  }

  /** The current entry's content; reads at most its size. */
  public InputStream content() {
    return new ChunkedInputStream() {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (contentLeft == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, contentLeft));
        if (n < 0) {
          throw new EOFException("tar ends inside an entry");
        }
        contentLeft -= n;
        remaining -= n;
        return n;
      }
    };
  }

  /**
   * After {@link #next()} returned null: whether that was an end-of-archive block, and how many
   * zero blocks follow (reads to the end of input). @throws IOException on read failure
   */
  public int countTrailingZeroBlocks() throws IOException {
    if (!ended) {
      return 0;
    }
    byte[] h;
    while ((h = block()) != null) {
      if (!isZero(h)) {
        throw new IOException("data after the end-of-archive blocks");
      }
      zeroBlocks++;
    }
    return zeroBlocks;
  }

  private void skipRest() throws IOException {
    while (remaining > 0) {
      long n = in.skip(remaining);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new EOFException("tar ends inside an entry");
        }
        n = 1;
      }
      remaining -= n;
    }
    contentLeft = 0;
  }

  private byte[] block() throws IOException {
    byte[] h = new byte[TarHeader.BLOCK];
    int got = in.readNBytes(h, 0, h.length);
    if (got == 0) {
      return null;
    }
    if (got < h.length) {
      throw new EOFException("tar ends inside a 512-byte block");
    }
    return h;
  }

  private byte[] readFully(long size) throws IOException {
    if (size < 0 || size > MAX_META) {
      throw new IOException("pax or long-name header of " + size + " bytes (limit " + MAX_META + ")");
    }
    byte[] body = in.readNBytes((int) size);
    if (body.length < size) {
      throw new EOFException("tar ends inside a pax header");
    }
    in.readNBytes((int) (padded(size) - size));
    return body;
  }

  private static long padded(long size) {
    return (size + TarHeader.BLOCK - 1) / TarHeader.BLOCK * TarHeader.BLOCK;
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
