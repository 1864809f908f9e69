package dev.pkgbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafeExtractorTest {
  private static final long LIMIT = 1 << 20;

  static TarMaker sample() {
    return new TarMaker().dir("pkg-1.0", 0755).file("pkg-1.0/configure", "#!/bin/sh\n", 0755)
        .dir("pkg-1.0/src", 0755).file("pkg-1.0/src/main.c", "int main(){}\n", 0644)
        .symlink("pkg-1.0/latest", "src/main.c").hardlink("pkg-1.0/copy.c", "pkg-1.0/src/main.c");
  }

  @ParameterizedTest
  @EnumSource(value = ArchiveFormat.class, names = "ZIP", mode = EnumSource.Mode.EXCLUDE)
  void extract_eachTarFormat_roundTrips(ArchiveFormat format, @TempDir Path tmp) throws Exception {
    Path archive = sample().write(tmp.resolve("a.archive"), format);
    assertEquals(format, ArchiveFormat.detect(archive).orElseThrow());
    Path dest = tmp.resolve("out");
    SafeExtractor.extract(archive, dest, 0, LIMIT);
    assertSample(dest.resolve("pkg-1.0"));
  }

  @Test
  void extract_stripComponents_dropsLeadingDirectory(@TempDir Path tmp) throws Exception {
    Path archive = sample().write(tmp.resolve("a.tar.gz"), ArchiveFormat.TAR_GZ);
    SafeExtractor.extract(archive, tmp.resolve("out"), 1, LIMIT);
    assertSample(tmp.resolve("out"));
    assertFalse(Files.exists(tmp.resolve("out/pkg-1.0")));
  }

  @Test
  void extract_stripTwoComponents_dropsShallowEntries(@TempDir Path tmp) throws Exception {
    Path archive = sample().write(tmp.resolve("a.tar"), ArchiveFormat.TAR);
    SafeExtractor.extract(archive, tmp.resolve("out"), 2, LIMIT);
    assertTrue(Files.isRegularFile(tmp.resolve("out/main.c")));
    assertFalse(Files.exists(tmp.resolve("out/configure")));
  }

  @Test
  void extract_zip_keepsModesAndSymlinks(@TempDir Path tmp) throws Exception {
    Path archive = tmp.resolve("a.zip");
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
      TarMaker.zipEntry(zip, "pkg-1.0/configure", 0100755, "#!/bin/sh\n");
      TarMaker.zipEntry(zip, "pkg-1.0/src/main.c", 0100644, "int main(){}\n");
      TarMaker.zipEntry(zip, "pkg-1.0/latest", 0120777, "src/main.c");
      TarMaker.zipEntry(zip, "pkg-1.0/copy.c", 0100644, "int main(){}\n");
    }
    SafeExtractor.extract(archive, tmp.resolve("out"), 1, LIMIT);
    assertSample(tmp.resolve("out"));
  }

  @Test
  void extract_plainFile_isRefusedWithHint(@TempDir Path tmp) throws Exception {
    Path plain = Files.writeString(tmp.resolve("notes.txt"), "hello");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> SafeExtractor.extract(plain, tmp.resolve("out"), 0, LIMIT));
    assertEquals("notes.txt is not an archive (tar, tar.gz, tar.xz, tar.bz2, tar.zst or zip);"
        + " use extract: false to keep it as a file", e.getMessage());
  }

  @Test
  void extract_gzipOfNonTar_isRefused(@TempDir Path tmp) throws Exception {
    Path gz = tmp.resolve("x.gz");
    try (var out = TarMaker.compress(Files.newOutputStream(gz), ArchiveFormat.TAR_GZ)) {
      out.write("just text".getBytes(StandardCharsets.UTF_8));
    }
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> SafeExtractor.extract(gz, tmp.resolve("out"), 0, LIMIT));
    assertTrue(e.getMessage().startsWith("x.gz holds gzip data that is not a tar archive"), e.getMessage());
  }

  @Test
  void extract_entryReplacingSymlink_doesNotWriteThroughIt(@TempDir Path tmp) throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep");
    Path archive = new TarMaker().symlink("f", outside.toString()).file("f", "new", 0644)
        .write(tmp.resolve("a.tar"), ArchiveFormat.TAR);
    SafeExtractor.extract(archive, tmp.resolve("out"), 0, LIMIT);
    assertEquals("keep", Files.readString(outside));
    assertEquals("new", Files.readString(tmp.resolve("out/f")));
    assertFalse(Files.isSymbolicLink(tmp.resolve("out/f")));
  }

  @Test
  void extract_readOnlyDirectory_isFilledThenLocked(@TempDir Path tmp) throws Exception {
    Path archive = new TarMaker().dir("ro", 0555).file("ro/a", "x", 0444)
        .write(tmp.resolve("a.tar"), ArchiveFormat.TAR);
    SafeExtractor.extract(archive, tmp.resolve("out"), 0, LIMIT);
    assertEquals("r-xr-xr-x", perms(tmp.resolve("out/ro")));
    assertEquals("r--r--r--", perms(tmp.resolve("out/ro/a")));
  }

  private static void assertSample(Path root) throws IOException {
    assertEquals("#!/bin/sh\n", Files.readString(root.resolve("configure")));
    assertEquals("rwxr-xr-x", perms(root.resolve("configure")));
    assertEquals("rw-r--r--", perms(root.resolve("src/main.c")));
    assertTrue(Files.isSymbolicLink(root.resolve("latest")));
    assertEquals(Path.of("src/main.c"), Files.readSymbolicLink(root.resolve("latest")));
    assertEquals("int main(){}\n", Files.readString(root.resolve("copy.c")));
  }

  static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
