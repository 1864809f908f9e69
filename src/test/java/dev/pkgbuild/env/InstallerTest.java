package dev.pkgbuild.env;

import static dev.pkgbuild.env.EnvPackages.EPOCH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.archive.TarEntry;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs packages made by the project's writer into temp roots and reads back disk and database. */
class InstallerTest {
  @TempDir Path tmp;

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private VerifiedPackage hello() throws Exception {
    return EnvPackages.build(tmp.resolve("pkgs"), EnvPackages.info("hello", "1.0-r0").build(), dir -> {
      Files.createDirectories(dir.resolve("usr/bin"));
      Files.createDirectories(dir.resolve("usr/share/hello"));
      Files.writeString(dir.resolve("usr/bin/hello"), "#!/bin/sh\necho hello\n");
      Files.setAttribute(dir.resolve("usr/bin/hello"), "unix:mode", 04755);
      Files.createSymbolicLink(dir.resolve("usr/bin/hi"), Path.of("hello"));
      Files.createLink(dir.resolve("usr/bin/hello2"), dir.resolve("usr/bin/hello"));
      Files.writeString(dir.resolve("usr/share/hello/README"), "read me\n");
    });
  }

  @Test
  void install_onePackage_writesFilesModesLinksAndApkRecord() throws Exception {
    VerifiedPackage hello = hello();
    Path root = tmp.resolve("root");
    InstallResult r = Installer.install(root, EnvPackages.request(List.of(hello)));

    assertEquals("#!/bin/sh\necho hello\n", Files.readString(root.resolve("usr/bin/hello")));
    assertEquals(04755, (int) Files.getAttribute(root.resolve("usr/bin/hello"), "unix:mode") & 07777);
    assertEquals(EPOCH * 1000, Files.getLastModifiedTime(root.resolve("usr/bin/hello")).toMillis());
    assertEquals(Path.of("hello"), Files.readSymbolicLink(root.resolve("usr/bin/hi")));
    assertEquals(Files.getAttribute(root.resolve("usr/bin/hello"), "unix:ino"),
        Files.getAttribute(root.resolve("usr/bin/hello2"), "unix:ino"));
    assertEquals(List.of(1, 4, 4), List.of(r.packages(), r.dirs(), r.files()));
    // The hard link adds no bytes: hello's content once, then the README.
    assertEquals("#!/bin/sh\necho hello\n".length() + "read me\n".length(), r.bytes());
    String e = hello.entry().render();
    assertEquals(e
        + "F:usr\nF:usr/bin\n"
        + "R:hello\na:0:0:4755\nZ:" + PackageUnpacker.q1(sha1("#!/bin/sh\necho hello\n")) + "\n"
        + "R:hello2\na:0:0:4755\nZ:" + PackageUnpacker.q1(sha1("#!/bin/sh\necho hello\n")) + "\n"
        + "R:hi\na:0:0:777\nZ:" + PackageUnpacker.q1(sha1("hello")) + "\n"
        + "F:usr/share\nF:usr/share/hello\n"
        + "R:README\nZ:" + PackageUnpacker.q1(sha1("read me\n")) + "\n\n",
        Files.readString(root.resolve("lib/apk/db/installed")));
  }

  @Test
  void install_request_writesEtcApkAsApkDoes() throws Exception {
    VerifiedPackage hello = hello();
    Path key = Files.writeString(tmp.resolve("test.rsa.pub"), "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----\n");
    Path root = tmp.resolve("root");
    Installer.install(root, new InstallRequest(List.of(hello), List.of("zed", "hello", "Abc>1", "hello"),
        List.of("https://example.invalid/os", "@local /srv/repo"), List.of(key), "x86_64", EPOCH));

    assertEquals("Abc>1\nhello\nzed\n", Files.readString(root.resolve("etc/apk/world")));
    assertEquals("x86_64\n", Files.readString(root.resolve("etc/apk/arch")));
    assertEquals("https://example.invalid/os\n@local /srv/repo\n", Files.readString(root.resolve("etc/apk/repositories")));
    assertEquals(Files.readString(key), Files.readString(root.resolve("etc/apk/keys/test.rsa.pub")));
    assertEquals(0600, (int) Files.getAttribute(root.resolve("lib/apk/db/lock"), "unix:mode") & 0777);
    assertEquals(01777, (int) Files.getAttribute(root.resolve("tmp"), "unix:mode") & 07777);
    assertEquals(0555, (int) Files.getAttribute(root.resolve("proc"), "unix:mode") & 07777);
    assertTrue(Files.isDirectory(root.resolve("var/cache/apk")));
    assertArrayEquals(new byte[1024], Files.readAllBytes(root.resolve("lib/apk/db/scripts.tar")));
    assertEquals("", Files.readString(root.resolve("lib/apk/db/triggers")));
  }

  @Test
  void install_taggedPackage_recordsTagAndReplaces() throws Exception {
    VerifiedPackage p = EnvPackages.build(tmp.resolve("pkgs"), EnvPackages.info("pinned", "1-r0")
        .addReplaces("old=~1").replacesPriority(3).build(), EnvPackages.file("usr/share/p/x", "x"));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(new VerifiedPackage(p.file(), p.entry(), "@edge"))));
    String db = Files.readString(root.resolve("lib/apk/db/installed"));
    assertTrue(db.contains("\nr:old~1\nq:3\ns:edge\nF:usr\n"), db);
  }

  @Test
  void install_noRepositories_writesNoRepositoriesFile() throws Exception {
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(hello())));
    assertFalse(Files.exists(root.resolve("etc/apk/repositories")));
  }

  @Test
  void install_ownersAndModes_recordedInAclLines() throws Exception {
    VerifiedPackage p = EnvPackages.build(tmp.resolve("pkgs"), EnvPackages.info("owned", "1.0-r0").build(), Map.of(),
        e -> e.name().startsWith("var/lib/owned") ? e.withOwner(1000, 1001, "build", "build") : e, dir -> {
          Files.createDirectories(dir.resolve("var/lib/owned"));
          Files.writeString(dir.resolve("var/lib/owned/data"), "x");
          Files.setAttribute(dir.resolve("var/lib/owned"), "unix:mode", 0700);
        });
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(p)));

    String db = Files.readString(root.resolve("lib/apk/db/installed"));
    assertTrue(db.contains("F:var/lib/owned\nM:1000:1001:700\nR:data\na:1000:1001:644\n"), db);
    assertEquals(0700, (int) Files.getAttribute(root.resolve("var/lib/owned"), "unix:mode") & 07777);
  }

  @Test
  void install_sharedDirectory_modesAndedAsApkDoes() throws Exception {
    TarEntry.Type d = TarEntry.Type.DIRECTORY;
    VerifiedPackage a = EnvPackages.raw(tmp.resolve("a"), "a", List.of(
        new EnvPackages.Raw(new TarEntry("opt", d, 0775, 0, 0, "root", "root", 0, EPOCH, null, null), "")));
    VerifiedPackage b = EnvPackages.raw(tmp.resolve("b"), "b", List.of(
        new EnvPackages.Raw(new TarEntry("opt", d, 0755, 0, 0, "root", "root", 0, EPOCH, null, null), "")));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(a, b)));

    assertEquals(0755, (int) Files.getAttribute(root.resolve("opt"), "unix:mode") & 07777);
    String db = Files.readString(root.resolve("lib/apk/db/installed"));
    assertTrue(db.contains("P:a\n") && db.contains("F:opt\nM:0:0:775\n"), db);
  }

  @Test
  void install_scriptsAndTriggers_storedNotRun() throws Exception {
    VerifiedPackage p = EnvPackages.build(tmp.resolve("pkgs"),
        EnvPackages.info("scripted", "2.0-r1").addTriggers("/usr/lib/scripted/* /usr/share/x").build(),
        Map.of(".post-install", "#!/bin/sh\ntouch /ran\n", ".trigger", "#!/bin/sh\n"), null,
        EnvPackages.file("usr/lib/scripted/a", "a"));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(p)));

    assertFalse(Files.exists(root.resolve("ran")));
    String c = p.entry().checksum();
    assertEquals(c + " /usr/lib/scripted/* /usr/share/x\n", Files.readString(root.resolve("lib/apk/db/triggers")));
    String listing = TarListing.names(root.resolve("lib/apk/db/scripts.tar"));
    assertEquals("scripted-2.0-r1." + c + ".post-install\nscripted-2.0-r1." + c + ".trigger\n", listing);
  }

  @Test
  void install_sortsRecordsByNameAsApk_keepsScriptsInInstallOrder() throws Exception {
    Path pkgs = tmp.resolve("pkgs");
    VerifiedPackage zlib = EnvPackages.build(pkgs, EnvPackages.info("zlib", "1-r0").build(), EnvPackages.file("z/z", "z"));
    VerifiedPackage big = EnvPackages.build(pkgs, EnvPackages.info("Big", "1-r0").build(), EnvPackages.file("b/b", "b"));
    VerifiedPackage app = EnvPackages.build(pkgs, EnvPackages.info("app", "1-r0").build(), EnvPackages.file("a/a", "a"));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(zlib, big, app)));

    String db = Files.readString(root.resolve("lib/apk/db/installed"));
    List<String> names = db.lines().filter(l -> l.startsWith("P:")).toList();
    assertEquals(List.of("P:app", "P:Big", "P:zlib"), names);
  }

  @Test
  void install_twoRootsFromCopiesInOtherFolders_identicalDatabaseBytes() throws Exception {
    VerifiedPackage hello = hello();
    VerifiedPackage other = EnvPackages.build(tmp.resolve("pkgs"), EnvPackages.info("other", "1-r0").build(),
        EnvPackages.file("usr/share/other/x", "x"));
    Path copies = Files.createDirectories(tmp.resolve("elsewhere/deeper"));
    List<VerifiedPackage> moved = List.of(copy(other, copies), copy(hello, copies));
    Path r1 = tmp.resolve("r1");
    Path r2 = tmp.resolve("another/r2");
    Installer.install(r1, EnvPackages.request(List.of(other, hello)));
    Installer.install(r2, EnvPackages.request(moved));

    for (String f : List.of("lib/apk/db/installed", "lib/apk/db/scripts.tar", "lib/apk/db/triggers", "etc/apk/world")) {
      assertArrayEquals(Files.readAllBytes(r1.resolve(f)), Files.readAllBytes(r2.resolve(f)), f);
    }
  }

  @Test
  void install_independentPackagesInEitherOrder_sameInstalledDatabase() throws Exception {
    VerifiedPackage hello = hello();
    VerifiedPackage other = EnvPackages.build(tmp.resolve("pkgs"), EnvPackages.info("other", "1-r0").build(),
        EnvPackages.file("usr/share/other/x", "x"));
    Path r1 = tmp.resolve("r1");
    Path r2 = tmp.resolve("r2");
    Installer.install(r1, EnvPackages.request(List.of(hello, other)));
    Installer.install(r2, EnvPackages.request(List.of(other, hello)));
    assertArrayEquals(Files.readAllBytes(r1.resolve("lib/apk/db/installed")),
        Files.readAllBytes(r2.resolve("lib/apk/db/installed")));
  }

  private static VerifiedPackage copy(VerifiedPackage p, Path dir) throws Exception {
    Path to = Files.copy(p.file(), dir.resolve(p.file().getFileName()));
    return VerifiedPackage.of(to, p.entry());
  }

  @Test
  void install_mergedUsrRoot_followsLinksAndPutsDbUnderUsrLib() throws Exception {
    Path pkgs = tmp.resolve("pkgs");
    VerifiedPackage base = EnvPackages.build(pkgs, EnvPackages.info("baselayout", "1-r0").build(), dir -> {
      Files.createDirectories(dir.resolve("usr/bin"));
      Files.createDirectories(dir.resolve("usr/lib"));
      Files.createSymbolicLink(dir.resolve("bin"), Path.of("usr/bin"));
      Files.createSymbolicLink(dir.resolve("lib"), Path.of("/usr/lib"));
    });
    VerifiedPackage tool = EnvPackages.build(pkgs, EnvPackages.info("tool", "1-r0").build(),
        EnvPackages.file("bin/tool", "tool"));
    Path root = tmp.resolve("root");
    Installer.install(root, EnvPackages.request(List.of(base, tool)));

    assertEquals("tool", Files.readString(root.resolve("usr/bin/tool")));
    assertTrue(Files.isSymbolicLink(root.resolve("bin")));
    assertTrue(Files.isRegularFile(root.resolve("usr/lib/apk/db/installed"), NOFOLLOW));
    String db = Files.readString(root.resolve("usr/lib/apk/db/installed"));
    assertTrue(db.contains("P:tool\n") && db.contains("F:bin\nR:tool\n"), db);
  }

  private static String sha1(String s) {
    return dev.pkgbuild.archive.Digests.hex(dev.pkgbuild.archive.Digests.sha1(s.getBytes()));
  }
}
