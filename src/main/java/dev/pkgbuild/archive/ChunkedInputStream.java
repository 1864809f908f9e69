package dev.pkgbuild.archive;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that implements only the array read; single bytes go through it. */
public abstract class ChunkedInputStream extends InputStream {
  private final byte[] one = new byte[1];

  /** Reads one byte through {@link #read(byte[], int, int)}. @throws IOException as that does */
  @Override
  public final int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /** Reads up to {@code len} bytes. @throws IOException on a read error */
  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
