package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexUpdaterTest {
  static Path pkg(Path tmp, Path arch, String name, String version) throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("t-" + name + version + "/usr/share/" + name));
    Files.writeString(tree.resolve("f"), name + version);
    PkgInfo info = PkgInfo.builder(name, version).arch("x86_64").build();
    Path apk = arch.resolve(name + "-" + version + ".apk");
    ApkWriter.of(ApkWriterTest.key, 0).writeTo(info, tree.getParent().getParent().getParent(), Map.of(), apk);
    return apk;
  }

  @Test
  void add_packagesOneByOne_sameBytesAsFullRebuild(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path arch = Files.createDirectories(tmp.resolve("repo/x86_64"));
    IndexUpdater up = IndexUpdater.open(arch, ApkWriterTest.key, TrustedKeys.of(ApkWriterTest.key), 0);
    up.add(pkg(tmp, arch, "b", "1.0-r0"));
    up.add(pkg(tmp, arch, "a", "1.10-r0"));
    up.add(pkg(tmp, arch, "a", "1.9-r0"));
    IndexUpdater again = IndexUpdater.open(arch, ApkWriterTest.key, TrustedKeys.of(ApkWriterTest.key), 0);
    again.add(arch.resolve("b-1.0-r0.apk"));
    byte[] incremental = Files.readAllBytes(arch.resolve("APKINDEX.tar.gz"));
    RepoIndexer.rebuild(arch, ApkWriterTest.key, null, 0);
    assertArrayEquals(Files.readAllBytes(arch.resolve("APKINDEX.tar.gz")), incremental);
    IndexArchive.Read read = IndexArchive.read(arch.resolve("APKINDEX.tar.gz"), TrustedKeys.of(ApkWriterTest.key));
    assertEquals(VerifyResult.OK, read.signature());
    assertEquals("a 1.9-r0, a 1.10-r0, b 1.0-r0", String.join(", ",
        read.index().entries().stream().map(e -> e.name() + " " + e.version()).toList()));
  }

  @Test
  void add_misnamedPackage_refused(@TempDir Path tmp) throws Exception {
    ApkWriterTest.key();
    Path arch = Files.createDirectories(tmp.resolve("repo/x86_64"));
    Path apk = pkg(tmp, arch, "c", "1.0-r0");
    Path wrong = Files.move(apk, arch.resolve("c.apk"));
    IndexUpdater up = IndexUpdater.open(arch, null, TrustedKeys.of(ApkWriterTest.key), 0);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> up.add(wrong));
    assertEquals(wrong + ": must be named c-1.0-r0.apk (apk fetches <P>-<V>.apk)", e.getMessage());
  }
}
