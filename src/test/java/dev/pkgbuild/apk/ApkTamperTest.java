package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.archive.Gzip;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarSegmentWriter;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every byte of the control and data members, and the signature value, is covered. */
class ApkTamperTest {

  private static boolean detected(Path apk, byte[] bytes, TrustedKeys keys) throws Exception {
    Files.write(apk, bytes);
    try {
      return !ApkVerifier.verify(apk, keys).ok();
    } catch (PkgbuildException e) {
      return true;
    }
  }

  @Test
  void verify_anyFlippedByteInControlOrData_detected(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path apk = ApkWriterTest.write(tmp, "a", 1);
    TrustedKeys keys = TrustedKeys.of(ApkWriterTest.key);
    byte[] good = Files.readAllBytes(apk);
    ApkContents c = ApkReader.read(apk);
    int controlStart = (int) (c.dataOffset() - c.controlMember().length);
    Path bad = tmp.resolve("bad.apk");
    for (int i = controlStart; i < good.length; i++) {
      byte[] b = good.clone();
      b[i] ^= 0x01;
      assertTrue(detected(bad, b, keys), "flip at " + i + " of " + good.length);
    }
  }

  /** The packager's read-back of its own output reads only the heads, yet misses no changed byte either. */
  @Test
  void head_anyFlippedByteInControlOrData_detectedWithoutInflating(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path apk = ApkWriterTest.write(tmp, "a", 1);
    TrustedKeys keys = TrustedKeys.of(ApkWriterTest.key);
    ApkContents good = ApkReader.head(apk);
    assertTrue(ApkVerifier.verify(good, keys).ok(), good.problems().toString());
    assertEquals(ApkReader.read(apk).indexEntry(), good.indexEntry(), "the same index record as a full read");
    byte[] bytes = Files.readAllBytes(apk);
    int controlStart = (int) (good.dataOffset() - good.controlMember().length);
    Path bad = tmp.resolve("bad.apk");
    for (int i = controlStart; i < bytes.length; i++) {
      byte[] b = bytes.clone();
      b[i] ^= 0x01;
      Files.write(bad, b);
      boolean detected;
      try {
        detected = !ApkVerifier.verify(ApkReader.head(bad), keys).ok();
      } catch (PkgbuildException e) {
        detected = true;
      }
      assertTrue(detected, "flip at " + i + " of " + bytes.length);
    }
  }

  @Test
  void verify_flippedSignatureValue_bad(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path apk = ApkWriterTest.write(tmp, "a", 1);
    ApkContents c = ApkReader.read(apk);
    byte[] good = Files.readAllBytes(apk);
    int controlStart = (int) (c.dataOffset() - c.controlMember().length);
    ApkContents.Signature s = c.signatures().get(0);
    for (int i : List.of(0, s.value().length / 2, s.value().length - 1)) {
      byte[] value = s.value().clone();
      value[i] ^= 0x01;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream gz = Gzip.member(out, Gzip.SMALL_LEVEL)) {
        TarSegmentWriter tar = new TarSegmentWriter(gz);
        tar.write(TarEntry.file(s.type().fileName(s.keyName()), 0644, value.length, 0, null), value);
        tar.finish(TarSegmentWriter.Trailer.OMIT);
      }
      out.write(Arrays.copyOfRange(good, controlStart, good.length));
      Path bad = tmp.resolve("sig.apk");
      Files.write(bad, out.toByteArray());
      ApkVerifier.Result r = ApkVerifier.verify(bad, TrustedKeys.of(ApkWriterTest.key));
      assertEquals(VerifyResult.BAD, r.signature());
      assertFalse(r.ok());
    }
  }

  @Test
  void verify_signatureGzipHeaderMtime_notCoveredByTheFormat(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path apk = ApkWriterTest.write(tmp, "a", 1);
    byte[] b = Files.readAllBytes(apk);
    b[4] ^= 0x01;
    Files.write(apk, b);
    assertTrue(ApkVerifier.verify(apk, TrustedKeys.of(ApkWriterTest.key)).ok());
  }

  @Test
  void read_truncatedOrExtended_refusedByDatahashWithoutInflating(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path apk = ApkWriterTest.write(tmp, "a", 1);
    byte[] good = Files.readAllBytes(apk);
    Path bad = tmp.resolve("t.apk");
    for (byte[] b : List.of(Arrays.copyOf(good, good.length - 3), Arrays.copyOf(good, good.length + 4))) {
      Files.write(bad, b);
      ApkContents c = ApkReader.read(bad);
      assertTrue(c.problems().get(0).contains("cut short or extended; data not read"), c.problems().toString());
      assertEquals(List.of(), c.entries());
    }
  }

  @Test
  void verify_wrongKey_untrusted(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path apk = ApkWriterTest.write(tmp, "a", 1);
    ApkVerifier.Result r = ApkVerifier.verify(apk, TrustedKeys.in(tmp.resolve("nokeys")));
    assertEquals(VerifyResult.UNTRUSTED, r.signature());
    assertTrue(r.problems().get(0).startsWith("UNTRUSTED signature"), r.problems().get(0));
  }
}
