package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made bad packages: the reader names each trap of apk-format.md. */
class TrapReaderTest {
  interface Body {
    void write(TarSegmentWriter tar) throws Exception;
  }

  static byte[] member(Body body, TarSegmentWriter.Trailer trailer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = Gzip.member(out, 6)) {
      TarSegmentWriter tar = new TarSegmentWriter(gz);
      body.write(tar);
      tar.finish(trailer);
    }
    return out.toByteArray();
  }

  static List<String> problems(Path tmp, String pkginfo, TarSegmentWriter.Trailer controlTrailer, Body data)
      throws Exception {
    byte[] p = pkginfo.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream apk = new ByteArrayOutputStream();
    apk.write(member(t -> t.write(TarEntry.file(".PKGINFO", 0644, p.length, 0, null), p), controlTrailer));
    apk.write(member(data, TarSegmentWriter.Trailer.END_BLOCKS));
    Path f = tmp.resolve("trap.apk");
    Files.write(f, apk.toByteArray());
    return ApkReader.read(f).problems();
  }

  static void assertNamed(List<String> problems, String fragment) {
    assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), fragment + " not in " + problems);
  }

  static TarEntry file(String name, String sha1) {
    return TarEntry.file(name, 0644, 1, 0, sha1);
  }

  @Test
  void read_trapPackage_namesEveryTrap(@TempDir Path tmp) throws Exception {
    List<String> problems = problems(tmp, "pkgname = a\npkgver = 1.0-1\nsize = 0\n", TarSegmentWriter.Trailer.END_BLOCKS,
        t -> {
          t.write(file("./usr/x", null), new byte[] {'x'});
          t.write(file("usr/bin/y", "00"), new byte[] {'y'});
          t.write(file("../etc/z", null), new byte[] {'z'});
          t.write(file("top", null), new byte[] {'t'});
        });
    assertNamed(problems, "end-of-archive block(s) left in the control tar");
    assertNamed(problems, "./usr/x: entry name starts with './'");
    assertNamed(problems, "usr/bin/y: no directory entry for 'usr/bin'");
    assertNamed(problems, "usr/bin/y: checksum record 00 does not match");
    assertNamed(problems, "../etc/z: absolute path or '..'");
    assertNamed(problems, "top: no APK-TOOLS.checksum.SHA1 record");
    assertNamed(problems, "invalid pkgver '1.0-1'");
    assertNamed(problems, "size is 0 but the package has files");
    assertNamed(problems, "no datahash");
  }

  @Test
  void read_spacePaddedOctal_named(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    TarSegmentWriter w = new TarSegmentWriter(tarBytes);
    w.write(TarEntry.file("top", 0755, 0, 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709"), new byte[0]);
    byte[] raw = tarBytes.toByteArray();
    int header = raw.length - 512;
    System.arraycopy("    755\0".getBytes(StandardCharsets.US_ASCII), 0, raw, header + 100, 8);
    List<String> problems = problems(tmp, "pkgname = a\npkgver = 1.0-r0\nsize = 1\n", TarSegmentWriter.Trailer.OMIT,
        t -> { });
    byte[] p = "pkgname = a\npkgver = 1.0-r0\nsize = 1\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream apk = new ByteArrayOutputStream();
    apk.write(member(t -> t.write(TarEntry.file(".PKGINFO", 0644, p.length, 0, null), p), TarSegmentWriter.Trailer.OMIT));
    try (OutputStream gz = Gzip.member(apk, 6)) {
      gz.write(raw);
    }
    Path f = tmp.resolve("octal.apk");
    Files.write(f, apk.toByteArray());
    problems = ApkReader.read(f).problems();
    assertNamed(problems, "top: space-padded octal in the mode field");
  }

  @Test
  void read_withoutDatahash_identityCoversTheDataAndTrailingBytesAndTruncationAreNamed(@TempDir Path tmp) throws Exception {
    problems(tmp, "pkgname = a\npkgver = 1.0-r0\nsize = 1\n", TarSegmentWriter.Trailer.OMIT,
        t -> t.write(file("top", null), new byte[] {'t'}));
    Path f = tmp.resolve("trap.apk");
    byte[] good = Files.readAllBytes(f);
    // without datahash the identity covers control and data: here, the whole unsigned file
    assertTrue(ApkReader.read(f).identity().equals("Q1" + java.util.Base64.getEncoder().encodeToString(
        java.security.MessageDigest.getInstance("SHA-1").digest(good))));
    Files.write(f, java.util.Arrays.copyOf(good, good.length + 4));
    assertNamed(ApkReader.read(f).problems(), "trailing bytes after the last gzip member");
    Files.write(f, java.util.Arrays.copyOf(good, good.length - 3));
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.pkgbuild.diag.PkgbuildException.class,
        () -> ApkReader.read(f));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }
}
