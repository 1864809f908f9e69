package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header fields apk-tools writes in scripts.tar, byte by byte, and a real tar reading them. */
class ScriptsTarTest {
  @TempDir Path tmp;

  private static String field(byte[] b, int off, int len) {
    return new String(Arrays.copyOfRange(b, off, off + len), StandardCharsets.ISO_8859_1);
  }

  @Test
  void add_oneScript_writesApkStyleHeader() throws Exception {
    ScriptsTar tar = new ScriptsTar();
    tar.add("p-1-r0.Q1abc=.post-install", 1_700_000_000L, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    byte[] b = tar.finish();

    assertEquals(512 + 512 + 1024, b.length);
    assertEquals("0000755\0", field(b, 100, 8));
    assertEquals("0000000\0", field(b, 108, 8));
    assertEquals("000000000012", field(b, 124, 12), "size: 12 digits, no terminator");
    assertEquals("014524770400", field(b, 136, 12));
    assertEquals("ustar  \0", field(b, 257, 8), "GNU magic, as apk writes it");
    assertEquals("root", field(b, 265, 4));
    assertEquals("\0 ", field(b, 154, 2), "checksum: six digits, NUL, space");
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : b[i] & 0xff;
    }
    assertEquals(sum, Long.parseLong(field(b, 148, 6), 8));
    Path f = Files.write(tmp.resolve("scripts.tar"), b);
    assertEquals("p-1-r0.Q1abc=.post-install\n", TarListing.names(f));
  }
}
