package dev.pkgbuild.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * Writes one gzip member (RFC 1952) whose deflate stream is made of fixed-size input blocks
 * compressed in parallel, as pigz does. The output is the same for any thread count, so a
 * build is reproducible on any machine: the header carries mtime 0, no name and OS 3
 * (Unix), and block boundaries depend only on input offsets, never on how writes are split.
 * At most {@code 2 * threads} blocks are in flight, so memory stays flat however large the
 * input. {@link #finish()} writes the trailer but leaves the underlying stream open, so
 * members can be concatenated; {@link #close()} finishes and closes it.
 */
public final class ParallelGzipOutputStream extends OutputStream {
  /** Input bytes per independently compressed block. */
  public static final int BLOCK_SIZE = 128 * 1024;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final OutputStream out;
  private final BlockCompressor compressor;
  private final ExecutorService pool;
  private final int maxInFlight;
  private final ArrayDeque<Job> inFlight = new ArrayDeque<>();
  private final ArrayDeque<byte[]> freeBlocks = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private final int blockSize;
  private byte[] block;
  private int fill;
  private byte[] previous;
  private long size;
  private boolean finished;
  private boolean closed;

  /**
   * Starts a gzip member on {@code out}, writing its 10-byte header at once.
   *
   * @param level deflate level 0 to 9 (6 is gzip's default)
   * @param threads compressing threads; 1 compresses on the writing thread
   * @throws IOException if writing the header fails
   */
  public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
    this(out, level, threads, BLOCK_SIZE);
  }

  ParallelGzipOutputStream(OutputStream out, int level, int threads, int blockSize) throws IOException {
    if (level < 0 || level > 9 || threads < 1 || blockSize < BlockCompressor.DICTIONARY) {
      throw new IllegalArgumentException("level " + level + ", threads " + threads + ", block " + blockSize);
    }
    this.out = out;
    this.compressor = new BlockCompressor(level);
    this.pool = threads == 1 ? null : newPool(threads);
    this.maxInFlight = 2 * threads;
    this.blockSize = blockSize;
    this.block = new byte[blockSize];
    int xfl = level == 9 ? 2 : level == 1 ? 4 : 0; // the hint gzip itself writes
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3});
  }

  private static ExecutorService newPool(int threads) {
    String prefix = "pkgbuild-gzip-" + POOLS.incrementAndGet() + "-";
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true); // a stream that is never closed must not keep the JVM alive
      return t;
    });
  }

  /** Writes one byte; prefer the array form, which avoids a copy per byte. */
  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /**
   * Adds bytes to the member, compressing each block once it is full and more input follows.
   *
   * @throws IOException if the member is already finished or compressing or writing fails
   */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (finished) {
      throw new IOException("gzip member already finished");
    }
    while (len > 0) {
      if (fill == blockSize) {
        submit(false); // only now is it known that this full block is not the last
      }
      int n = Math.min(len, blockSize - fill);
      System.arraycopy(b, off, block, fill, n);
      crc.update(b, off, n);
      fill += n;
      size += n;
      off += n;
      len -= n;
    }
  }

  /** A block being compressed, holding its dictionary block until its bytes are written. */
  private record Job(CompletableFuture<BlockCompressor.Chunk> result, byte[] dictionary) {}

  private void submit(boolean last) throws IOException {
    byte[] data = block;
    int len = fill;
    byte[] dict = previous;
    if (pool == null) {
      write(compressor.compress(data, len, dict, last), dict);
    } else {
      inFlight.add(new Job(CompletableFuture.supplyAsync(() -> compressor.compress(data, len, dict, last), pool),
          dict));
      while (inFlight.size() > maxInFlight || (!inFlight.isEmpty() && inFlight.peek().result().isDone())) {
        writeHead();
      }
    }
    previous = data;
    block = last ? null : freeBlocks.isEmpty() ? new byte[blockSize] : freeBlocks.pop();
    fill = 0;
  }

  /**
   * Writes a compressed block. Blocks are written in order, so once block i is out, block
   * i-1 (its dictionary) is read by no job any more and its buffer can take new input.
   */
  private void write(BlockCompressor.Chunk chunk, byte[] dictionary) throws IOException {
    out.write(chunk.buf(), 0, chunk.len());
    compressor.recycle(chunk);
    if (dictionary != null) {
      freeBlocks.push(dictionary);
    }
  }

  private void writeHead() throws IOException {
    Job job = inFlight.poll();
    try {
      write(job.result().get(), job.dictionary());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IOException("compressing failed: " + e.getCause(), e.getCause());
    }
  }

  /** Writes out the blocks already compressed; never cuts a block, so the output stays the same. */
  @Override
  public void flush() throws IOException {
    while (!inFlight.isEmpty() && inFlight.peek().result().isDone()) {
      writeHead();
    }
    out.flush();
  }

  /**
   * Compresses what is left, writes the CRC-32 and length trailer and flushes, leaving the
   * underlying stream open. Further writes fail; calling it again does nothing.
   *
   * @throws IOException if compressing or writing fails
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      submit(true);
      while (!inFlight.isEmpty()) {
        writeHead();
      }
      out.write(trailer(crc.getValue(), size));
      out.flush();
    } finally {
      release();
    }
  }

  private static byte[] trailer(long crc, long size) {
    byte[] t = new byte[8];
    for (int i = 0; i < 4; i++) {
      t[i] = (byte) (crc >>> (8 * i));
      t[4 + i] = (byte) (size >>> (8 * i)); // ISIZE is the length modulo 2^32
    }
    return t;
  }

  private void release() {
    if (pool != null) {
      pool.shutdownNow();
    }
    inFlight.forEach(job -> job.result().cancel(false));
    inFlight.clear();
    freeBlocks.clear();
    previous = null;
    block = null;
    compressor.end();
  }

  /**
   * Finishes the member and closes the underlying stream.
   *
   * @throws IOException if compressing, writing or closing fails
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      finish();
    } finally {
      out.close();
    }
  }

  /** Input bytes written so far. */
  public long bytesIn() {
    return size;
  }
}
