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
 *
 * <p>A block whose bytes look random (already compressed or encrypted content: {@code .gz}
 * man pages, images, archives) is stored instead: deflate cannot shrink it by more than a
 * fraction of a percent, yet spends about as long trying as on text. The test is a
 * chi-square of the byte histogram over every fourth byte, in integers, so it depends only
 * on the bytes.
 */
final class BlockCompressor {
  /** The deflate window: a match can reach back at most this far. */
  static final int DICTIONARY = 32 * 1024;

  /** Blocks smaller than this are always deflated: too few bytes for the histogram to say much. */
  static final int MIN_TESTED = 16 * 1024;
  /**
   * The chi-square (255 degrees of freedom) below which a block counts as random. Random bytes
   * give 255 on average with a spread of about 23, so 400 misses almost none; at 400 the byte
   * distribution is within 0.01 bit of flat, which Huffman coding could turn into at most 0.1%.
   */
  static final long RANDOM_CHI_SQUARE = 400;

  private final int level;
  /** Level 0 deflaters for random-looking blocks, kept apart so no deflater ever changes level. */
  private final ConcurrentLinkedQueue<Deflater> idleStored = new ConcurrentLinkedQueue<>();
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
    boolean store = level > 0 && looksRandom(data, len);
    ConcurrentLinkedQueue<Deflater> pool = store ? idleStored : idle;
    Deflater d = borrow(pool, store ? 0 : level);
    try {
      if (previous != null && !store) {
        d.setDictionary(previous, previous.length - DICTIONARY, DICTIONARY);
      }
      d.setInput(data, 0, len);
      if (last) {
        d.finish();
      }
      return drain(d, len, last);
    } finally {
      d.reset();
      pool.add(d);
    }
  }

  /**
   * Whether the block's byte histogram (every fourth byte) is as flat as random data's:
   * chi-square = 256 / n * sum(count^2) - n, compared without division.
   */
  static boolean looksRandom(byte[] data, int len) {
    if (len < MIN_TESTED) {
      return false;
    }
    int[] counts = new int[256];
    for (int i = 0; i < len; i += 4) {
      counts[data[i] & 0xff]++;
    }
    long n = (len + 3) / 4;
    long sumSquares = 0;
    for (int c : counts) {
      sumSquares += (long) c * c;
    }
    return 256 * sumSquares - n * n < RANDOM_CHI_SQUARE * n;
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

  private Deflater borrow(ConcurrentLinkedQueue<Deflater> pool, int withLevel) {
    Deflater d = pool.poll();
    if (d == null) {
      d = new Deflater(withLevel, true); // raw deflate: the gzip framing is ours
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
    idleStored.clear();
    outputs.clear();
  }
}
