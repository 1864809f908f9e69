package dev.pkgbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile archive is refused with one line, and nothing appears outside dest. */
class SafeExtractorHostileTest {
  @TempDir Path tmp;

  private String refused(TarMaker archive) throws IOException {
    Path file = archive.write(tmp.resolve("evil.tar"), ArchiveFormat.TAR);
    return refusedFile(file, 1 << 20);
  }

  private String refusedFile(Path file, long limit) throws IOException {
    Path outer = Files.createDirectories(tmp.resolve("outer"));
    Files.createDirectories(tmp.resolve("outside"));
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> SafeExtractor.extract(file, outer.resolve("dest"), 0, limit));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertEquals(List.of("dest"), list(outer));
    assertEquals(List.of(), list(tmp.resolve("outside")));
    assertTrue(e.getMessage().startsWith("unsafe archive " + file.getFileName() + ": entry '"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
    return e.getMessage();
  }

  @Test
  void extract_dotDotEntry_isRefused() throws Exception {
    assertEquals("unsafe archive evil.tar: entry '../evil' leaves the destination",
        refused(new TarMaker().file("../evil", "x", 0644)));
  }

  @Test
  void extract_absoluteEntry_isRefused() throws Exception {
    assertEquals("unsafe archive evil.tar: entry '/abs' has an absolute path",
        refused(new TarMaker().file("/abs", "x", 0644)));
  }

  @Test
  void extract_dotDotAfterNormalisation_isRefused() throws Exception {
    refused(new TarMaker().file("a/../../evil", "x", 0644));
  }

  @Test
  void extract_dotDotInsideTree_isAllowed() throws Exception {
    Path file = new TarMaker().file("a/../b", "x", 0644).write(tmp.resolve("ok.tar"), ArchiveFormat.TAR);
    SafeExtractor.extract(file, tmp.resolve("dest"), 0, 1 << 20);
    assertEquals(List.of("b"), list(tmp.resolve("dest")));
  }

  @Test
  void extract_hardlinkToEtcPasswd_isRefused() throws Exception {
    assertEquals("unsafe archive evil.tar: entry 'pw' is a hard link to '/etc/passwd',"
        + " which is not an earlier file in the archive",
        refused(new TarMaker().hardlink("pw", "/etc/passwd")));
  }

  @Test
  void extract_hardlinkToParent_isRefused() throws Exception {
    refused(new TarMaker().hardlink("x", "../x"));
  }

  @Test
  void extract_hardlinkToLaterOrMissingEntry_isRefused() throws Exception {
    refused(new TarMaker().hardlink("x", "y").file("y", "data", 0644));
  }

  @Test
  void extract_hardlinkToSymlink_isRefused() throws Exception {
    refused(new TarMaker().symlink("s", "/etc/passwd").hardlink("h", "s"));
  }

  @Test
  void extract_writeThroughSymlinkToEtc_isRefused() throws Exception {
    String passwd = Files.readString(Path.of("/etc/passwd"));
    assertEquals("unsafe archive evil.tar: entry 'link/passwd' would be written through the symlink 'link'",
        refused(new TarMaker().symlink("link", "/etc").file("link/passwd", "root::0:0::/:/bin/sh\n", 0644)));
    assertEquals(passwd, Files.readString(Path.of("/etc/passwd")));
  }

  @Test
  void extract_writeThroughSymlinkToOutside_isRefused() throws Exception {
    String outside = tmp.resolve("outside").toString();
    refused(new TarMaker().symlink("link", outside).file("link/evil", "x", 0644));
  }

  @Test
  void extract_directoryThroughSymlink_isRefused() throws Exception {
    refused(new TarMaker().symlink("link", "../outside").dir("link/sub", 0755));
  }

  @Test
  void extract_symlinkChainEscape_isRefused() throws Exception {
    refused(new TarMaker().symlink("a", ".").symlink("b", "a/../../outside").file("b/evil", "x", 0644));
  }

  @Test
  void extract_nestedSymlinkParent_isRefused() throws Exception {
    refused(new TarMaker().dir("d", 0755).symlink("d/up", "../..").file("d/up/outside/evil", "x", 0644));
  }

  @Test
  void extract_hardlinkThroughSymlink_isRefused() throws Exception {
    refused(new TarMaker().file("f", "x", 0644).symlink("link", "../outside").hardlink("link/h", "f"));
  }

  @Test
  void extract_charDevice_isRefused() throws Exception {
    assertEquals("unsafe archive evil.tar: entry 'null' is a device node",
        refused(new TarMaker().special("null", TarConstants.LF_CHR)));
  }

  @Test
  void extract_blockDevice_isRefused() throws Exception {
    refused(new TarMaker().special("sda", TarConstants.LF_BLK));
  }

  @Test
  void extract_fifo_isRefused() throws Exception {
    assertEquals("unsafe archive evil.tar: entry 'pipe' is a FIFO",
        refused(new TarMaker().special("pipe", TarConstants.LF_FIFO)));
  }

  @Test
  void extract_gzipBomb_stopsAtTheLimit() throws Exception {
    Path bomb = tmp.resolve("bomb.tar.gz");
    long size = 200L << 20;
    try (OutputStream gz = new GzipCompressorOutputStream(Files.newOutputStream(bomb));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      TarArchiveEntry e = new TarArchiveEntry("zeros");
      e.setSize(size);
      tar.putArchiveEntry(e);
      byte[] chunk = new byte[1 << 20];
      for (long i = 0; i < size; i += chunk.length) {
        tar.write(chunk);
      }
      tar.closeArchiveEntry();
    }
    assertTrue(Files.size(bomb) < (1 << 20));
    String msg = refusedFile(bomb, 10L << 20);
    assertEquals("unsafe archive bomb.tar.gz: entry 'zeros' expands the archive beyond the limit of "
        + (10L << 20) + " bytes", msg);
  }

  @Test
  void extract_tooManyEntries_isRefused() throws Exception {
    TarMaker many = new TarMaker();
    for (int i = 0; i < 20; i++) {
      many.file("f" + i, "", 0644);
    }
    Path file = many.write(tmp.resolve("many.tar"), ArchiveFormat.TAR);
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> SafeExtractor.extract(file, tmp.resolve("dest"), 0, 1 << 20, 10));
    assertEquals("unsafe archive many.tar: entry 'f10' exceeds the limit of 10 entries", e.getMessage());
  }

  @Test
  void extract_zipDotDotEntry_isRefused() throws Exception {
    Path zip = zip(tmp.resolve("evil.zip"), "../evil", 0100644, "x");
    assertEquals("unsafe archive evil.zip: entry '../evil' leaves the destination", refusedFile(zip, 1 << 20));
  }

  @Test
  void extract_zipWriteThroughSymlink_isRefused() throws Exception {
    Path zip = tmp.resolve("evil.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      TarMaker.zipEntry(out, "link", 0120777, tmp.resolve("outside").toString());
      TarMaker.zipEntry(out, "link/evil", 0100644, "x");
    }
    refusedFile(zip, 1 << 20);
  }

  @Test
  void extract_zipFifo_isRefused() throws Exception {
    refusedFile(zip(tmp.resolve("evil.zip"), "pipe", 0010644, ""), 1 << 20);
  }

  @Test
  void extract_truncatedGzip_failsWithOneLine() throws Exception {
    Path good = SafeExtractorTest.sample().write(tmp.resolve("t.tar.gz"), ArchiveFormat.TAR_GZ);
    byte[] bytes = Files.readAllBytes(good);
    Path cut = Files.write(tmp.resolve("cut.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> SafeExtractor.extract(cut, tmp.resolve("dest"), 0, 1 << 20));
    assertTrue(e.getMessage().startsWith("cannot extract cut.tar.gz: "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  private static Path zip(Path file, String name, int mode, String content) throws IOException {
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
      TarMaker.zipEntry(out, name, mode, content);
    }
    return file;
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
