package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApkWriterTest {
  static SigningKey key;

  @BeforeAll
  static void key() throws PkgbuildException {
    key = KeyGenerator.generate(2048, Optional.of("test"));
  }

  static PkgInfo info() {
    return PkgInfo.builder("hello", "1.0-r0").pkgdesc("hello").arch("x86_64").url("https://x.invalid")
        .addLicense("MIT").addDepend("so:libc.musl-x86_64.so.1").origin("hello").build();
  }

  static Path write(Path tmp, String name, long seed) throws Exception {
    Path tree = TestTrees.make(tmp.resolve("tree-" + name), seed);
    Path apk = tmp.resolve(name + ".apk");
    ApkWriter.of(key, 1700000000L).writeTo(info(), tree, Map.of(".post-install", "#!/bin/sh\n"), apk);
    return apk;
  }

  @Test
  void write_readBack_sameFilesModesLinksAndMetadata(@TempDir Path tmp) throws Exception {
    Path apk = write(tmp, "a", 1);
    ApkVerifier.Result r = ApkVerifier.verify(apk, TrustedKeys.of(key));
    assertEquals(List.of(), r.problems());
    assertEquals(VerifyResult.OK, r.signature());
    ApkContents c = r.contents();
    assertEquals(List.of(".PKGINFO", ".post-install"), c.controlNames());
    List<String> listing = c.entries().stream().map(e -> e.type() + " " + Integer.toOctalString(e.mode()) + " "
        + e.uid() + ":" + e.gid() + " " + e.mtime() + " " + e.name() + (e.linkTarget() == null ? "" : " -> " + e.linkTarget()))
        .toList();
    assertEquals(List.of(
        "DIRECTORY 755 0:0 1700000000 usr",
        "DIRECTORY 755 0:0 1700000000 usr/bin",
        "FILE 4755 0:0 1700000000 usr/bin/hello",
        "HARDLINK 4755 0:0 1700000000 usr/bin/hello-hard -> usr/bin/hello",
        "SYMLINK 777 0:0 1700000000 usr/bin/hi -> hello",
        "DIRECTORY 1755 0:0 1700000000 usr/share",
        "DIRECTORY 755 0:0 1700000000 usr/share/doc",
        "DIRECTORY 755 0:0 1700000000 usr/share/doc/hello",
        "FILE 644 0:0 1700000000 usr/share/doc/hello/README",
        "FILE 644 0:0 1700000000 usr/share/doc/hello/empty"), listing);
    assertEquals(Digests.hex(Digests.sha1("hello".getBytes())), c.entries().get(4).sha1());
    assertEquals(info().withSize(29).withDatahash(c.actualDatahash()), c.info());
  }

  @Test
  void write_twiceFromDifferentTrees_byteIdentical(@TempDir Path tmp) throws Exception {
    byte[] a = Files.readAllBytes(write(tmp, "a", 1));
    byte[] b = Files.readAllBytes(write(tmp, "b", 99));
    assertArrayEquals(a, b);
  }

  @Test
  void write_filesEachSideOfTheInMemoryLimit_carryTheirOwnChecksums(@TempDir Path tmp) throws Exception {
    // Files up to 1 MiB are read once into memory, larger ones hashed ahead on a side thread and
    // streamed: both paths, interleaved, must record each file's own SHA-1, and a second name of
    // a big file is a hard link, not a file hashed again.
    Path tree = Files.createDirectories(tmp.resolve("t/usr/share/big"));
    byte[][] contents = new byte[4][];
    int[] sizes = {(1 << 20) + 1, 1 << 20, 3 * (1 << 20) + 5, 7};
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < sizes.length; i++) {
      contents[i] = new byte[sizes[i]];
      rnd.nextBytes(contents[i]);
      Files.write(tree.resolve("f" + i), contents[i]);
    }
    Files.createLink(tree.resolve("z-link"), tree.resolve("f2"));
    Path apk = tmp.resolve("big.apk");
    ApkWriter.of(key, 1700000000L).writeTo(info(), tmp.resolve("t"), Map.of(), apk);
    ApkVerifier.Result r = ApkVerifier.verify(apk, TrustedKeys.of(key));
    assertEquals(List.of(), r.problems());
    TarEntry link = r.contents().entries().stream().filter(e -> e.name().endsWith("z-link")).findFirst().orElseThrow();
    assertEquals(TarEntry.Type.HARDLINK, link.type());
    assertEquals("usr/share/big/f2", link.linkTarget());
    List<TarEntry> files = r.contents().entries().stream().filter(e -> e.type() == TarEntry.Type.FILE).toList();
    for (int i = 0; i < sizes.length; i++) {
      assertEquals("usr/share/big/f" + i, files.get(i).name());
      assertEquals(sizes[i], files.get(i).size());
      assertEquals(Digests.hex(java.security.MessageDigest.getInstance("SHA-1", "SUN").digest(contents[i])),
          files.get(i).sha1(), "f" + i);
    }
  }

  @Test
  void write_emptyFilesOnly_sizeIsOne(@TempDir Path tmp) throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("t/etc"));
    Files.writeString(tree.resolve("empty"), "");
    Path apk = tmp.resolve("e.apk");
    WrittenApk w = ApkWriter.of(null, 0).writeTo(info(), tmp.resolve("t"), Map.of(), apk);
    assertEquals(1, w.info().size());
    assertEquals(w.identity(), ApkReader.read(apk).identity());
  }

  @Test
  void write_badScriptOrVersion_badInput(@TempDir Path tmp) throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("t"));
    assertThrows(PkgbuildException.class, () -> ApkWriter.of(null, 0).writeTo(info(), tree,
        Map.of(".install", "x"), tmp.resolve("x.apk")));
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> ApkWriter.of(null, 0).writeTo(
        PkgInfo.builder("a", "1.0-1").build(), tree, Map.of(), tmp.resolve("x.apk")));
    assertTrue(e.getMessage().contains("invalid version '1.0-1'"), e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("x.apk")));
  }

  @Test
  void write_identity_isSha1OfControlMember(@TempDir Path tmp) throws Exception {
    Path apk = write(tmp, "a", 1);
    ApkContents c = ApkReader.read(apk);
    byte[] raw = Files.readAllBytes(apk);
    int sigLen = (int) (c.dataOffset() - c.controlMember().length);
    byte[] control = java.util.Arrays.copyOfRange(raw, sigLen, (int) c.dataOffset());
    assertEquals("Q1" + java.util.Base64.getEncoder().encodeToString(Digests.sha1(control)), c.identity());
    assertNotEquals(0, sigLen);
    TarEntry first = c.entries().get(0);
    assertEquals("usr", first.name());
  }
}
