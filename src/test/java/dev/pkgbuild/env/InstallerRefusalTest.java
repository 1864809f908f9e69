package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.PkgInfoBuilder;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.EnvPackages.Raw;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile entries and file conflicts: one line naming the package and entry, nothing outside the root, an empty root after. */
class InstallerRefusalTest {
  @TempDir Path tmp;

  private String refused(List<VerifiedPackage> packages) throws Exception {
    Path root = tmp.resolve("root");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> Installer.install(root, EnvPackages.request(packages)));
    try (Stream<Path> s = Files.list(root)) {
      assertEquals(List.of(), s.toList(), "a failed install leaves the root empty");
    }
    assertFalse(e.getMessage().contains("\n"));
    return e.getMessage();
  }

  private VerifiedPackage raw(List<Raw> entries) throws Exception {
    return EnvPackages.raw(tmp.resolve("pkgs"), "evil", entries);
  }

  @Test
  void install_absoluteName_refused() throws Exception {
    assertEquals("evil-1.0-r0: entry '/etc/passwd' has an absolute path",
        refused(List.of(raw(List.of(Raw.file("/etc/passwd", "x"))))));
  }

  @Test
  void install_dotDotName_refused() throws Exception {
    assertEquals("evil-1.0-r0: entry 'usr/../../escaped' leaves the root through '..'",
        refused(List.of(raw(List.of(Raw.dir("usr"), Raw.file("usr/../../escaped", "x"))))));
    assertFalse(Files.exists(tmp.resolve("escaped")));
  }

  @Test
  void install_writeThroughSymlinkPointingOut_refused() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    String msg = refused(List.of(raw(List.of(Raw.dir("usr"), Raw.symlink("usr/out", "../../outside"),
        Raw.dir("usr/out"), Raw.file("usr/out/planted", "x")))));
    assertEquals("evil-1.0-r0: entry 'usr/out' would be written through the symlink 'usr/out',"
        + " which points out of the root (../../outside)", msg);
    assertFalse(Files.exists(outside.resolve("planted")));
  }

  @Test
  void install_symlinkFromEarlierPackageThenWriteThroughIt_refused() throws Exception {
    VerifiedPackage link = EnvPackages.raw(tmp.resolve("a"), "linker", List.of(Raw.symlink("etc", "/../..")));
    VerifiedPackage write = EnvPackages.raw(tmp.resolve("b"), "writer", List.of(Raw.dir("etc"),
        Raw.file("etc/x", "x")));
    String msg = refused(List.of(link, write));
    assertTrue(msg.startsWith("writer-1.0-r0: entry 'etc' would be written through the symlink 'etc'"), msg);
  }

  @Test
  void install_absoluteSymlinkInsideRoot_followedWithinRoot() throws Exception {
    VerifiedPackage p = raw(List.of(Raw.dir("usr"), Raw.dir("usr/lib"), Raw.symlink("lib", "/usr/lib"),
        Raw.dir("lib"), Raw.file("lib/libx.so", "elf")));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(p)));
    assertEquals("elf", Files.readString(root.resolve("usr/lib/libx.so")));
  }

  @Test
  void install_fileWithoutItsDirectoryEntry_refused() throws Exception {
    assertEquals("evil-1.0-r0: entry 'usr/x' has no directory entry for 'usr' before it",
        refused(List.of(raw(List.of(Raw.file("usr/x", "x"))))));
  }

  @Test
  void install_deviceNode_refused() throws Exception {
    TarEntry node = new TarEntry("null", TarEntry.Type.OTHER, 0666, 0, 0, "", "", 0, 0, null, null);
    assertEquals("evil-1.0-r0: entry 'null' is a device node, FIFO or other special file",
        refused(List.of(raw(List.of(new Raw(node, ""))))));
  }

  @Test
  void install_tamperedData_refused() throws Exception {
    VerifiedPackage p = EnvPackages.raw(tmp.resolve("t"), "tampered", List.of(Raw.file("x", "x")), b -> {
      b[b.length - 9] ^= 1; // the last byte of the deflate stream, before the gzip trailer
      return b;
    });
    String msg = refused(List.of(p));
    assertTrue(msg.startsWith("tampered-1.0-r0: "), msg);
  }

  /** A package {@code name} whose only file is usr/share/f holding its name. */
  private VerifiedPackage writesF(String name, String version, UnaryOperator<PkgInfoBuilder> info) throws Exception {
    return EnvPackages.build(tmp.resolve(name), info.apply(EnvPackages.info(name, version)).build(),
        EnvPackages.file("usr/share/f", name));
  }

  @Test
  void install_sameFileInTwoUnrelatedPackages_refusedAsApk() throws Exception {
    VerifiedPackage a = writesF("a", "1-r0", i -> i);
    VerifiedPackage b = writesF("b", "2-r0", i -> i);
    assertEquals("b-2-r0: trying to overwrite usr/share/f owned by a-1-r0", refused(List.of(a, b)));
  }

  @Test
  void install_replaces_newOwnerTakesFileAndOldRecordDropsIt() throws Exception {
    VerifiedPackage a = writesF("a", "1-r0", i -> i);
    VerifiedPackage b = writesF("b", "2-r0", i -> i.addReplaces("a<2"));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(a, b)));
    assertEquals("b", Files.readString(root.resolve("usr/share/f")));
    String db = Files.readString(root.resolve("lib/apk/db/installed"));
    assertEquals(1, db.split("R:f\n", -1).length - 1, db);
    assertTrue(db.contains("r:a<2\nF:usr\nF:usr/share\nR:f\n"), db);
  }

  @Test
  void install_ownerReplacesNewcomerAtHigherPriority_keepsOwnersFile() throws Exception {
    VerifiedPackage a = writesF("a", "1-r0", i -> i.addReplaces("b").replacesPriority(10));
    VerifiedPackage b = writesF("b", "2-r0", i -> i);
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(a, b)));
    assertEquals("a", Files.readString(root.resolve("usr/share/f")));
    assertTrue(Files.readString(root.resolve("lib/apk/db/installed")).contains("q:10\n"));
  }

  @Test
  void install_sameOrigin_overwritesWithoutReplaces() throws Exception {
    VerifiedPackage a = writesF("a", "1-r0", i -> i.origin("src"));
    VerifiedPackage b = writesF("b", "1-r0", i -> i.origin("src"));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(a, b)));
    assertEquals("b", Files.readString(root.resolve("usr/share/f")));
  }

  @Test
  void install_nonEmptyRoot_refused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("keep"), "mine");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> Installer.install(root, EnvPackages.request(List.of())));
    assertEquals("install root " + root + " is not empty", e.getMessage());
    assertEquals("mine", Files.readString(root.resolve("keep")));
  }
}
