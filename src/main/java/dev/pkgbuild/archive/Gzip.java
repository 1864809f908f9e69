package dev.pkgbuild.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Opens one deterministic gzip member (header mtime 0, no file name) for concatenation. The
 * single place that chooses the compressor: {@link ParallelGzipOutputStream}, whose bytes
 * do not depend on the thread count.
 */
public final class Gzip {
  /** Level for the bulk data: zlib's default trade-off. */
  public static final int DATA_LEVEL = 6;
  /** Level for the small control, signature and index members. */
  public static final int SMALL_LEVEL = 9;

  private Gzip() {}

  /**
   * A stream whose {@code close()} writes the gzip trailer and leaves {@code out} open, so
   * members can be concatenated into one file.
   *
   * @throws IOException when the header cannot be written
   */
  public static OutputStream member(OutputStream out, int level) throws IOException {
    return member(out, level, 1);
  }

  /**
   * The same, compressing on {@code threads} threads; the bytes do not depend on the count.
   *
   * @throws IOException when the header cannot be written
   */
  public static OutputStream member(OutputStream out, int level, int threads) throws IOException {
    return new ParallelGzipOutputStream(new NonClosing(out), level, threads);
  }

  /** Keeps the shared output open when a member is closed. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
