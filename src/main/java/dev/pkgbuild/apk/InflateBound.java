package dev.pkgbuild.apk;

import dev.pkgbuild.archive.ChunkedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Inflated bytes, stopped at the inflate limit of their compressed size
 * ({@link ApkReader#inflateLimit}): a small file that inflates to gigabytes is refused after a
 * bounded amount of work, naming how far it got.
 */
final class InflateBound extends ChunkedInputStream {
  private final InputStream in;
  private final long compressed;
  private final long limit;
  private final String what;
  private long inflated;

  /** Bounds {@code in}, the inflated form of {@code compressed} bytes called {@code what} in the error. */
  InflateBound(InputStream in, long compressed, String what) {
    this.in = in;
    this.compressed = compressed;
    this.limit = ApkReader.inflateLimit(compressed);
    this.what = what;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    // once past the limit every read fails, so a caller that records a failure and reads on stops too
    if (inflated > limit) {
      throw tooFar();
    }
    int n = in.read(b, off, (int) Math.min(len, limit - inflated + 1));
    if (n > 0) {
      inflated += n;
      if (inflated > limit) {
        throw tooFar();
      }
    }
    return n;
  }

  private IOException tooFar() {
    return new IOException(what + " inflates past " + ApkReader.limitText(compressed) + "; refused after inflating "
        + inflated + " bytes");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
