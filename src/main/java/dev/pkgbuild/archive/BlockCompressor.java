package dev.pkgbuild.archive;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;

/**
 * Deflates one block of a gzip member on its own, so blocks can be compressed in any order
 * on any thread and still join into one deflate stream: each block starts from a reset
 * deflater primed with the 32 KiB of input before it, and ends on a byte boundary (sync
 * flush) unless it is the last. The bytes depend only on the block, its dictionary and the
 * level, never on which thread ran it.
 */
final class BlockCompressor {
  /** The deflate window: a match can reach back at most this far. */
  static final int DICTIONARY = 32 * 1024;

  private final int level;
  private final ConcurrentLinkedQueue<Deflater> idle = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Deflater> all = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<byte[]> outputs = new ConcurrentLinkedQueue<>();

  /** Compressed bytes {@code buf[0, len)}; hand the buffer back with {@link #recycle}. */
  record Chunk(byte[] buf, int len) {}

  BlockCompressor(int level) {
    this.level = level;
  }

  /**
   * Compresses {@code data[0, len)}.
   *
   * @param previous the whole previous block (at least {@link #DICTIONARY} bytes), or null for the first
   * @param last whether this block ends the deflate stream
   */
  Chunk compress(byte[] data, int len, byte[] previous, boolean last) {
    Deflater d = borrow();
    try {
      if (previous != null) {
        d.setDictionary(previous, previous.length - DICTIONARY, DICTIONARY);
      }
      d.setInput(data, 0, len);
      if (last) {
        d.finish();
      }
      return drain(d, len, last);
    } finally {
      d.reset();
      idle.add(d);
    }
  }

  private Chunk drain(Deflater d, int len, boolean last) {
    // Room for incompressible input plus stored-block overhead, so one call is the usual case.
    int want = len + (len >> 7) + 64;
    byte[] buf = outputs.poll();
    if (buf == null || buf.length < want) {
      buf = new byte[want];
    }
    int pos = 0;
    while (true) {
      int room = buf.length - pos;
      pos += d.deflate(buf, pos, room, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
      boolean done = last ? d.finished() : pos < buf.length;
      if (done) {
        return new Chunk(buf, pos);
      }
      if (pos == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
  }

  /** Returns an output buffer for reuse once its bytes are written, so steady state allocates nothing. */
  void recycle(Chunk chunk) {
    outputs.add(chunk.buf());
  }

  private Deflater borrow() {
    Deflater d = idle.poll();
    if (d == null) {
      d = new Deflater(level, true); // raw deflate: the gzip framing is ours
      all.add(d);
    }
    return d;
  }

  /** Frees the native memory of every deflater made; call when no block is in flight. */
  void end() {
    for (Deflater d; (d = all.poll()) != null; ) {
      d.end();
    }
    idle.clear();
    outputs.clear();
  }
}
