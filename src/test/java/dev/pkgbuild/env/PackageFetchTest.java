package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkReader;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packages checked against their index before use, and cached by content. */
class PackageFetchTest extends ServedRepositoryTest {
  @Test
  void fetch_checksThePackageAndCachesItByContent() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);

    Path apk = c.fetch(remote(), "x86_64", hello);
    Path again = client(true).fetch(remote(), "x86_64", hello);

    assertEquals(apk, again);
    assertTrue(apk.startsWith(cacheDir.resolve("packages")), apk.toString());
    assertEquals(Files.size(root.resolve("x86_64/hello-1.0-r0.apk")), Files.size(apk));
    assertEquals(1, server.count("/x86_64/hello-1.0-r0.apk", 200));
  }

  @Test
  void fetch_refusesAPackage_whoseBytesDoNotMatchTheIndexChecksum() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    // Another build of the same name and version: a valid, signed package, just not the indexed one.
    writeOtherHello(root.resolve("x86_64/hello-1.0-r0.apk"));

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> c.fetch(remote(), "x86_64", hello));

    assertTrue(e.getMessage().startsWith(server.url() + "/x86_64/hello-1.0-r0.apk: control checksum "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" does not match the index (" + hello.checksum() + ")"), e.getMessage());
    assertFalse(Files.exists(cacheDir.resolve("packages")) && Files.list(cacheDir.resolve("packages"))
        .anyMatch(p -> p.toString().endsWith(".apk")));
  }

  @Test
  void fetch_refusesAPackage_whoseDataDoesNotMatchItsDatahash() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    Path served = root.resolve("x86_64/hello-1.0-r0.apk");
    Path other = tmp.resolve("other.apk");
    writeOtherHello(other);
    // The indexed signature and control members, then the data member of another build.
    byte[] head = Files.readAllBytes(served);
    byte[] tail = Files.readAllBytes(other);
    long headEnd = ApkReader.read(served).dataOffset();
    long tailStart = ApkReader.read(other).dataOffset();
    java.io.ByteArrayOutputStream spliced = new java.io.ByteArrayOutputStream();
    spliced.write(head, 0, (int) headEnd);
    spliced.write(tail, (int) tailStart, tail.length - (int) tailStart);
    Files.write(served, spliced.toByteArray());

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> c.fetch(remote(), "x86_64", hello));

    assertTrue(e.getMessage().startsWith(server.url() + "/x86_64/hello-1.0-r0.apk: data hash "), e.getMessage());
    assertTrue(e.getMessage().contains("does not match the datahash in .PKGINFO"), e.getMessage());
  }

  @Test
  void fetch_fetchesAgain_whenTheCachedCopyIsDamaged() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    Path apk = c.fetch(remote(), "x86_64", hello);
    Files.write(apk, new byte[] {0x1f, (byte) 0x8b, 8, 0});

    Path again = c.fetch(remote(), "x86_64", hello);

    assertEquals(Files.size(root.resolve("x86_64/hello-1.0-r0.apk")), Files.size(again));
    assertEquals(2, server.count("/x86_64/hello-1.0-r0.apk", 200));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("warning: cached " + apk + " is damaged")), log.toString());
  }

  @Test
  void fetch_refusesAPackage_largerThanItsIndexSize() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    Files.write(root.resolve("x86_64/hello-1.0-r0.apk"), new byte[(int) hello.fileSize() + 1]);

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> c.fetch(remote(), "x86_64", hello));

    assertEquals("cannot fetch " + server.url() + "/x86_64/hello-1.0-r0.apk: larger than the limit of "
        + hello.fileSize() + " bytes", e.getMessage());
  }

  @Test
  void fetch_refusesAnIndexedNameThatWouldClimbOutOfTheRepository() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    IndexEntry evil = new IndexEntry(hello.checksum(), "../../etc/passwd", "1-r0", "x86_64", 1, 1, "", "", "", null,
        null, null, null, null, List.of(), List.of(), List.of(), List.of());

    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> c.fetch(RepositoryLine.parse(root.toString()), "x86_64", evil));

    assertEquals("../../etc/passwd-1-r0 in " + root + ": unsafe file name 'x86_64/../../etc/passwd-1-r0.apk'",
        e.getMessage());
  }
}
