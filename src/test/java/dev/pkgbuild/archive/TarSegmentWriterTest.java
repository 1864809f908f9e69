package dev.pkgbuild.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class TarSegmentWriterTest {
  static final String LONG = "usr/share/" + "d".repeat(120) + "/file";

  static byte[] tar(TarSegmentWriter.Trailer trailer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarSegmentWriter w = new TarSegmentWriter(out);
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    w.write(TarEntry.file(LONG, 04755, body.length, 1700000000L, "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"), body);
    w.finish(trailer);
    return out.toByteArray();
  }

  @Test
  void finish_omit_endsRightAfterLastDataBlock() throws Exception {
    byte[] cut = tar(TarSegmentWriter.Trailer.OMIT);
    byte[] full = tar(TarSegmentWriter.Trailer.END_BLOCKS);
    assertEquals(512 * 4, cut.length);
    assertEquals(cut.length + 1024, full.length);
  }

  @Test
  void write_longNameAndChecksum_readByCommonsCompress() throws Exception {
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(
        tar(TarSegmentWriter.Trailer.END_BLOCKS)))) {
      TarArchiveEntry e = in.getNextEntry();
      assertEquals(LONG, e.getName());
      assertEquals(04755, e.getMode());
      assertEquals(1700000000L, e.getModTime().getTime() / 1000);
      assertEquals("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", e.getExtraPaxHeader(TarSegmentWriter.CHECKSUM_KEY));
      assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertNull(in.getNextEntry());
    }
  }

  @Test
  void write_numbers_zeroPaddedOctalNeverSpaces() throws Exception {
    byte[] t = tar(TarSegmentWriter.Trailer.OMIT);
    byte[] header = java.util.Arrays.copyOfRange(t, 1024, 1536);
    assertEquals("0004755\0", new String(header, 100, 8, StandardCharsets.US_ASCII));
    assertEquals("0000000\0", new String(header, 108, 8, StandardCharsets.US_ASCII));
    assertEquals("00000000005\0", new String(header, 124, 12, StandardCharsets.US_ASCII));
    assertEquals("ustar\u000000", new String(header, 257, 8, StandardCharsets.US_ASCII));
  }

  @Test
  void read_ourOutput_noIssues() throws Exception {
    TarReader r = new TarReader(new ByteArrayInputStream(tar(TarSegmentWriter.Trailer.END_BLOCKS)));
    TarReader.Item i = r.next();
    assertEquals(List.of(), i.issues());
    assertEquals(LONG, i.entry().name());
    assertTrue(r.next() == null);
    assertEquals(2, r.countTrailingZeroBlocks());
  }
}
