package dev.pkgbuild.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Opens one deterministic gzip member (header mtime 0, no file name). The single place that
 * chooses the compressor, so switching to the parallel one is a one-line change.
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
    return new Member(new NonClosing(out), level);
  }

  private static final class Member extends GZIPOutputStream {
    Member(OutputStream out, int level) throws IOException {
      super(out, 1 << 16);
      def.setLevel(level);
    }
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
