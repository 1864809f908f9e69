package dev.pkgbuild.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks concatenated gzip members one at a time, the way apk-tools splits a package: each
 * member is inflated on its own, and every compressed byte of it (header, deflate data and
 * trailer) is handed to a tap, so callers can hash exact member spans.
 */
public final class GzipMembers {
  /** Receives the raw compressed bytes of the current member. */
  @FunctionalInterface
  public interface Tap {
    /** Called with consecutive slices of the member's bytes. */
    void raw(byte[] b, int off, int len);
  }

  private final InputStream raw;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private long offset;
  private Tap tap = (b, o, l) -> {};

  /** A walker over {@code raw}, which it reads but does not close. */
  public GzipMembers(InputStream raw) {
    this.raw = raw;
  }

  /** Whether any byte is left after the members read so far. @throws IOException on read failure */
  public boolean hasMore() throws IOException {
    return fill();
  }

  /** Offset of the next unread compressed byte in the file. */
  public long offset() {
    return offset;
  }

  /**
   * Whether the next bytes start a gzip member (magic {@code 1f 8b}), without consuming them.
   *
   * @throws IOException on read failure
   */
  public boolean atMember() throws IOException {
    if (!fill()) {
      return false;
    }
    if (lim - pos < 2) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
      int n = raw.read(buf, lim, buf.length - lim);
      if (n > 0) {
        lim += n;
      }
    }
    return lim - pos >= 2 && (buf[pos] & 0xff) == 0x1f && (buf[pos + 1] & 0xff) == 0x8b;
  }

  /**
   * The members from here to the end as one stream (an APK's data may be split over several),
   * every compressed byte handed to {@code memberTap} and {@code onMember} told the 1-based
   * number of each member as it opens.
   */
  public InputStream remaining(Tap memberTap, java.util.function.IntConsumer onMember) {
    return new ChunkedInputStream() {
      private InputStream current;
      private int members;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
          if (current == null) {
            if (!atMember()) {
              return -1;
            }
            onMember.accept(++members);
            current = next(memberTap);
          }
          int n = current.read(b, off, len);
          if (n >= 0) {
            return n;
          }
          current = null;
        }
      }
    };
  }

  /**
   * Opens the next member; read its stream to the end before calling again. The stream
   * throws {@link EOFException} when the file ends inside the member and {@link IOException}
   * when the data or trailer is corrupt.
   *
   * @throws IOException when no gzip header is there
   */
  public InputStream next(Tap memberTap) throws IOException {
    this.tap = memberTap;
    header();
    return new MemberStream();
  }

  private void header() throws IOException {
    int id1 = u8();
    int id2 = u8();
    int cm = u8();
    if (id1 != 0x1f || id2 != 0x8b || cm != 8) {
      throw new IOException("not a gzip member at offset " + (offset - 3));
    }
    int flags = u8();
    skip(6);
    if ((flags & 4) != 0) {
      skip(u8() | (u8() << 8));
    }
    if ((flags & 8) != 0) {
      while (u8() != 0) { /* file name */ }
    }
    if ((flags & 16) != 0) {
      while (u8() != 0) { /* comment */ }
    }
    if ((flags & 2) != 0) {
      skip(2);
    }
  }

  private final class MemberStream extends ChunkedInputStream {
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private boolean done;
    private IOException failure;

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failure != null) {
        throw failure;
      }
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      try {
        while (true) {
          int n = inflater.inflate(b, off, len);
          if (n > 0) {
            crc.update(b, off, n);
            return n;
          }
          if (inflater.finished()) {
            done = true;
            finishMember();
            return -1;
          }
          if (inflater.needsDictionary()) {
            throw new IOException("corrupt deflate data");
          }
          if (inflater.needsInput()) {
            feed();
          }
        }
      } catch (DataFormatException e) {
        failure = new IOException("corrupt deflate data: " + e.getMessage(), e);
        throw failure;
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    private void feed() throws IOException {
      if (!fill()) {
        throw new EOFException("file ends inside a gzip member");
      }
      int n = lim - pos;
      inflater.setInput(buf, pos, n);
      consume(n);
    }

    private void finishMember() throws IOException {
      int unused = inflater.getRemaining();
      // The inflater was given more than the member: those bytes are the trailer and beyond.
      pos -= unused;
      offset -= unused;
      flushTap();
      long wantCrc = u32();
      long wantSize = u32();
      if (wantCrc != crc.getValue() || wantSize != (inflater.getBytesWritten() & 0xffffffffL)) {
        throw new IOException("gzip trailer does not match the data (crc or length)");
      }
      inflater.end();
    }
  }

  private int pendingTapStart = -1;

  /** Consumes {@code n} bytes of buf at pos, tapping them lazily so a retraction can shorten them. */
  private void consume(int n) {
    flushTap();
    pendingTapStart = pos;
    pos += n;
    offset += n;
  }

  private void flushTap() {
    if (pendingTapStart >= 0 && pos > pendingTapStart) {
      tap.raw(buf, pendingTapStart, pos - pendingTapStart);
    }
    pendingTapStart = -1;
  }

  private boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    flushTap();
    pos = 0;
    lim = 0;
    int n;
    do {
      n = raw.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    lim = n;
    return true;
  }

  private int u8() throws IOException {
    if (!fill()) {
      throw new EOFException("file ends inside a gzip member");
    }
    flushTap();
    tap.raw(buf, pos, 1);
    offset++;
    return buf[pos++] & 0xff;
  }

  private long u32() throws IOException {
    return u8() | ((long) u8() << 8) | ((long) u8() << 16) | ((long) u8() << 24);
  }

  private void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      u8();
    }
  }
}
