package dev.pkgbuild.sca;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/** Random access to a file's bytes, so only the parts the ELF reader needs are read. */
interface ByteSource {
  long size();

  /** Up to {@code len} bytes from {@code off}; fewer (maybe none) when the data ends first. */
  byte[] read(long off, int len) throws IOException;

  static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      @Override public long size() {
        return bytes.length;
      }

      @Override public byte[] read(long off, int len) {
        if (off < 0 || off >= bytes.length || len <= 0) {
          return new byte[0];
        }
        return Arrays.copyOfRange(bytes, (int) off, (int) Math.min(bytes.length, off + len));
      }
    };
  }

  static ByteSource of(FileChannel ch) throws IOException {
    long size = ch.size();
    return new ByteSource() {
      @Override public long size() {
        return size;
      }

      @Override public byte[] read(long off, int len) throws IOException {
        if (off < 0 || off >= size || len <= 0) {
          return new byte[0];
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(len, size - off));
        while (buf.hasRemaining()) {
          if (ch.read(buf, off + buf.position()) < 0) {
            break; // the file shrank while we read it
          }
        }
        return Arrays.copyOf(buf.array(), buf.position());
      }
    };
  }
}
