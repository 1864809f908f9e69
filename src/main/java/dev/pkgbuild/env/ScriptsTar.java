package dev.pkgbuild.env;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code lib/apk/db/scripts.tar} in apk-tools' own header style, so the file is byte for byte
 * what apk writes: GNU magic {@code "ustar  "}, size and mtime as 12 octal digits without a
 * terminator, mode, uid and gid as 7 digits and a NUL, owner names {@code root}, names cut at
 * 99 bytes, two zero blocks at the end. The project's tar writer stays POSIX for packages.
 */
final class ScriptsTar {
  private static final int BLOCK = 512;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds one script, mode 0755, owned by root. */
  void add(String name, long mtime, byte[] body) {
    byte[] h = new byte[BLOCK];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, Math.min(n.length, 99));
    octal(h, 100, 8, 0755, true);
    octal(h, 108, 8, 0, true);
    octal(h, 116, 8, 0, true);
    octal(h, 124, 12, body.length, false);
    octal(h, 136, 12, mtime, false);
    h[156] = '0';
    put(h, 257, "ustar  ");
    put(h, 265, "root");
    put(h, 297, "root");
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum, true);
    out.writeBytes(h);
    out.writeBytes(body);
    out.writeBytes(new byte[(BLOCK - body.length % BLOCK) % BLOCK]);
  }

  /** The archive with its two end blocks. */
  byte[] finish() {
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  /** Zero-padded octal filling {@code width} bytes, the last one a NUL when {@code nul}. */
  private static void octal(byte[] h, int off, int width, long value, boolean nul) {
    int digits = nul ? width - 1 : width;
    String s = Long.toOctalString(value);
    s = "0".repeat(Math.max(0, digits - s.length())) + s;
    put(h, off, s.substring(s.length() - digits));
    if (nul) {
      h[off + digits] = 0;
    }
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
