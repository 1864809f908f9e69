package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A 3 MB package whose data inflates to 3 GiB is refused after a bounded amount of work. */
@Timeout(120)
class DecompressionBombTest {
  static SigningKey key;
  static final int THREE_GIB_IN_MIB = 3 << 10;

  @BeforeAll
  static void key() throws PkgbuildException {
    key = KeyGenerator.generate(2048, Optional.of("bomb"));
  }

  @Test
  void bombs_areWellFormed_smallOneReadsWhole(@TempDir Path tmp) throws Exception {
    Path apk = Bombs.write(tmp, key, "small", 8, 8 << 20);
    ApkVerifier.Result r = ApkVerifier.verify(apk, TrustedKeys.of(key));
    assertEquals(VerifyResult.OK, r.signature());
    assertEquals(List.of("big: no APK-TOOLS.checksum.SHA1 record (apk flags the package as broken)"), r.problems());
    assertEquals(8L << 20, r.contents().entries().get(0).size());
  }

  @Test
  void read_bombDeclaringItsSize_isRefusedWithoutInflating(@TempDir Path tmp) throws Exception {
    Path apk = Bombs.write(tmp, key, "honest", THREE_GIB_IN_MIB, (long) THREE_GIB_IN_MIB << 20);
    assertTrue(Files.size(apk) < 4 << 20, "a 3 GiB bomb fits in " + Files.size(apk) + " bytes");
    long start = System.nanoTime();
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> ApkVerifier.verify(apk, TrustedKeys.of(key)));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertTrue(e.getMessage().startsWith(apk + ": .PKGINFO size 3221225472 is more than the limit of "), e.getMessage());
    assertTrue(e.getMessage().endsWith("the data was not inflated"), e.getMessage());
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "refused within 20 s");
  }

  @Test
  void read_bombUnderstatingItsSize_isRefusedAtTheTarHeader(@TempDir Path tmp) throws Exception {
    Path apk = Bombs.write(tmp, key, "liar", THREE_GIB_IN_MIB, 1000);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> ApkReader.read(apk));
    assertEquals(apk + ": the data holds more than the 1000 bytes .PKGINFO declares (by more than 16 MiB, at big);"
        + " refused before inflating it", e.getMessage());
  }

  @Test
  void read_bombHiddenAfterTheTarEnd_stopsInflatingAtTheLimit(@TempDir Path tmp) throws Exception {
    Path apk = Bombs.write(tmp, key, "padded", THREE_GIB_IN_MIB, 1000, false);
    long compressed = Files.size(apk);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> ApkReader.read(apk));
    assertTrue(e.getMessage().startsWith(apk + ": data inflates past the limit of "), e.getMessage());
    Matcher m = Pattern.compile("refused after inflating (\\d+) bytes").matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    long inflated = Long.parseLong(m.group(1));
    assertTrue(inflated <= ApkReader.inflateLimit(compressed) + 1, inflated + " bytes inflated");
    assertTrue(inflated < (long) THREE_GIB_IN_MIB << 20 >> 3, "read less than an eighth of the bomb: " + inflated);
  }

  @Test
  void verify_untrustedBomb_isNotInflatedAtAll(@TempDir Path tmp) throws Exception {
    Path apk = Bombs.write(tmp, key, "stranger", THREE_GIB_IN_MIB, 1000);
    ApkVerifier.Result r = ApkVerifier.verify(apk, TrustedKeys.of());
    assertEquals(VerifyResult.UNTRUSTED, r.signature());
    assertTrue(r.problems().contains("no trusted signature; data not read"), r.problems().toString());
    assertEquals(List.of(), r.contents().entries());
  }

  @Test
  void readIndex_bombIndex_stopsInflatingAtTheLimit() throws Exception {
    byte[] bomb = Bombs.index(THREE_GIB_IN_MIB);
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> IndexArchive.read(bomb, TrustedKeys.of(), "bomb/APKINDEX.tar.gz"));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertTrue(e.getMessage().startsWith("bomb/APKINDEX.tar.gz: the index inflates past the limit of "), e.getMessage());
    assertThrows(PkgbuildException.class, () -> IndexArchive.stripSignature(bomb, "bomb/APKINDEX.tar.gz"));
  }

  @Test
  void inflateLimit_isAHundredTimesTheCompressedSizeAndAtLeast256MiB() {
    assertEquals(256L << 20, ApkReader.inflateLimit(1));
    assertEquals(300_000_000L, ApkReader.inflateLimit(3_000_000));
  }
}
