package dev.pkgbuild.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes the 512-byte ustar header with zero-padded octal numbers; never space-padded. */
final class TarHeader {
  static final int BLOCK = 512;
  static final int NAME_LEN = 100;

  private TarHeader() {}

  static byte[] encode(String name, char typeFlag, TarEntry e, long size, String link) {
    byte[] h = new byte[BLOCK];
    put(h, 0, NAME_LEN, utf8(name));
    octal(h, 100, 8, e.mode() & 07777);
    octal(h, 108, 8, e.uid());
    octal(h, 116, 8, e.gid());
    octal(h, 124, 12, size);
    octal(h, 136, 12, e.mtime());
    h[156] = (byte) typeFlag;
    if (link != null) {
      put(h, 157, NAME_LEN, utf8(link));
    }
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(h, 265, 32, utf8(e.uname()));
    put(h, 297, 32, utf8(e.gname()));
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  static boolean fits(String s) {
    return utf8(s).length <= NAME_LEN;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code width-1} zero-padded octal digits and a NUL. */
  private static void octal(byte[] h, int off, int width, long value) {
    String digits = Long.toOctalString(value);
    if (value < 0 || digits.length() > width - 1) {
      throw new IllegalArgumentException("value " + value + " does not fit a " + width + "-byte tar field");
    }
    int pad = width - 1 - digits.length();
    for (int i = 0; i < pad; i++) {
      h[off + i] = '0';
    }
    for (int i = 0; i < digits.length(); i++) {
      h[off + pad + i] = (byte) digits.charAt(i);
    }
    h[off + width - 1] = 0;
  }

  private static void put(byte[] h, int off, int max, byte[] src) {
    System.arraycopy(src, 0, h, off, Math.min(max, src.length));
  }
}
