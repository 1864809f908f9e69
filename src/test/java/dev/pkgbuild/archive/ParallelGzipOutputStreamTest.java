package dev.pkgbuild.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {
  private static final int BLOCK = ParallelGzipOutputStream.BLOCK_SIZE;

  @TempDir Path tmp;

  @Test
  void finish_emptyInput_validMemberWithFixedHeader() throws Exception {
    byte[] gz = gzip(new byte[0], 6, 1);
    assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, java.util.Arrays.copyOf(gz, 10));
    assertArrayEquals(new byte[0], gunzip(gz));
  }

  @Test
  void write_oneByte_roundTrips() throws Exception {
    assertRoundTrip(new byte[] {42});
  }

  @Test
  void write_exactlyOneBlock_roundTrips() throws Exception {
    assertRoundTrip(random(BLOCK, 1));
  }

  @Test
  void write_blockBoundaries_roundTrip() throws Exception {
    assertRoundTrip(compressible(BLOCK + 1));
    assertRoundTrip(compressible(2 * BLOCK));
    assertRoundTrip(compressible(2 * BLOCK - 1));
  }

  @Test
  void write_manyBlocksRandomAndCompressible_roundTrip() throws Exception {
    assertRoundTrip(random(5 * BLOCK + 12345, 2));
    assertRoundTrip(compressible(20 * BLOCK + 7));
  }

  @Test
  void write_sameInput_sameBytesFor1To4Threads() throws Exception {
    byte[] data = mixed(9 * BLOCK + 333);
    byte[] one = gzip(data, 6, 1);
    assertArrayEquals(one, gzip(data, 6, 2));
    assertArrayEquals(one, gzip(data, 6, 4));
  }

  @Test
  void write_differentWriteSizes_sameBytes() throws Exception {
    byte[] data = mixed(3 * BLOCK + 99);
    var bytewise = new ByteArrayOutputStream();
    try (var gz = new ParallelGzipOutputStream(bytewise, 6, 2)) {
      for (int i = 0; i < data.length; i += 1000) {
        gz.write(data, i, Math.min(1000, data.length - i));
      }
    }
    assertArrayEquals(gzip(data, 6, 1), bytewise.toByteArray());
  }

  @Test
  void write_everyLevel_roundTrips() throws Exception {
    byte[] data = mixed(2 * BLOCK + 5);
    for (int level = 0; level <= 9; level++) {
      assertArrayEquals(data, gunzip(gzip(data, level, 2)), "level " + level);
    }
  }

  @Test
  void finish_leavesStreamOpen_membersConcatenate() throws Exception {
    var sink = new ByteArrayOutputStream();
    for (String part : new String[] {"first member\n", "second member\n"}) {
      var gz = new ParallelGzipOutputStream(sink, 6, 2);
      gz.write(part.getBytes(StandardCharsets.US_ASCII));
      gz.finish();
      assertThrows(IOException.class, () -> gz.write(1));
    }
    assertEquals("first member\nsecond member\n", new String(gunzip(sink.toByteArray()), StandardCharsets.US_ASCII));
  }

  @Test
  void write_compressibleData_compressesLikeGzip() throws Exception {
    byte[] data = mixed(8 * BLOCK);
    var plain = new ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(plain)) {
      gz.write(data);
    }
    // Block-wise compression with a primed dictionary costs only a few bytes per block.
    int ours = gzip(data, 6, 2).length;
    assertTrue(ours < plain.size() * 1.01 && ours < data.length / 2, ours + " vs " + plain.size());
  }

  @Test
  void looksRandom_randomBytes_yes_textAndMixedBlocks_no() {
    assertTrue(BlockCompressor.looksRandom(random(BLOCK, 11), BLOCK));
    assertTrue(BlockCompressor.looksRandom(random(BlockCompressor.MIN_TESTED, 12), BlockCompressor.MIN_TESTED));
    assertFalse(BlockCompressor.looksRandom(compressible(BLOCK), BLOCK));
    assertFalse(BlockCompressor.looksRandom(mixed(BLOCK), BLOCK));
    // half random, half text: deflate still gains a third, so it is deflated
    byte[] half = random(BLOCK, 13);
    System.arraycopy(compressible(BLOCK / 2), 0, half, 0, BLOCK / 2);
    assertFalse(BlockCompressor.looksRandom(half, BLOCK));
    assertFalse(BlockCompressor.looksRandom(random(BlockCompressor.MIN_TESTED - 1, 14), BlockCompressor.MIN_TESTED - 1));
  }

  @Test
  void write_randomBlocksBesideText_storedAtInputSizeAndSameBytesFor1To4Threads() throws Exception {
    // random, text, random, text...: stored and deflated blocks alternate in one member
    byte[] data = new byte[12 * BLOCK + 999];
    for (int i = 0; i < 12; i++) {
      System.arraycopy(i % 2 == 0 ? random(BLOCK, i) : compressible(BLOCK), 0, data, i * BLOCK, BLOCK);
    }
    byte[] one = gzip(data, 6, 1);
    assertArrayEquals(data, gunzip(one));
    assertArrayEquals(one, gzip(data, 6, 2));
    assertArrayEquals(one, gzip(data, 6, 4));
    byte[] stored = gzip(random(8 * BLOCK, 5), 6, 2);
    // stored: the input plus 5 bytes per 64 KiB, the sync markers and the gzip framing
    assertTrue(stored.length <= 8 * BLOCK + 8 * 20 + 18, stored.length + " bytes");
  }

  @Test
  void finish_output_acceptedByGzipTool() throws Exception {
    Requires.tool("gzip");
    byte[] data = mixed(6 * BLOCK + 77);
    Path file = tmp.resolve("out.gz");
    Files.write(file, gzip(data, 6, 2));
    Process test = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
    String out = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, test.waitFor(), out);
    Process cat = new ProcessBuilder("gzip", "-dc", file.toString()).start();
    byte[] decoded = cat.getInputStream().readAllBytes();
    assertEquals(0, cat.waitFor());
    assertArrayEquals(data, decoded);
  }

  @Test
  void constructor_badLevel_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new ParallelGzipOutputStream(new ByteArrayOutputStream(), 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new ParallelGzipOutputStream(new ByteArrayOutputStream(), 6, 0));
  }

  private static void assertRoundTrip(byte[] data) throws IOException {
    for (int threads : new int[] {1, 2}) {
      assertArrayEquals(data, gunzip(gzip(data, 6, threads)), data.length + " bytes, " + threads + " threads");
    }
  }

  static byte[] gzip(byte[] data, int level, int threads) throws IOException {
    var sink = new ByteArrayOutputStream();
    try (var gz = new ParallelGzipOutputStream(sink, level, threads)) {
      gz.write(data);
    }
    return sink.toByteArray();
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] compressible(int n) {
    byte[] b = new byte[n];
    Random r = new Random(7);
    String words = "usr lib bin share doc libfoo.so.1 package version license ";
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (r.nextInt(20) == 0 ? r.nextInt(256) : words.charAt((i * 7 + i / 64) % words.length()));
    }
    return b;
  }

  /** Compressible runs with random stretches, so matches cross block boundaries and some do not. */
  private static byte[] mixed(int n) {
    byte[] b = compressible(n);
    byte[] noise = random(n / 4, 3);
    for (int i = 0; i < noise.length; i += 4096) {
      System.arraycopy(noise, i, b, i * 4, Math.min(4096, Math.min(noise.length - i, n - i * 4)));
    }
    return b;
  }
}
