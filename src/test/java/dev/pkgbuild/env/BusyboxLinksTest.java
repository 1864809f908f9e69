package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applet links as apko makes them, on a merged-/usr root like Wolfi's. */
class BusyboxLinksTest {
  @TempDir Path tmp;

  private VerifiedPackage baselayout() throws Exception {
    return EnvPackages.build(tmp.resolve("pkgs"), EnvPackages.info("baselayout", "1-r0").build(), dir -> {
      Files.createDirectories(dir.resolve("usr/bin"));
      Files.createSymbolicLink(dir.resolve("bin"), Path.of("usr/bin"));
      Files.createSymbolicLink(dir.resolve("sbin"), Path.of("usr/bin"));
    });
  }

  private VerifiedPackage busybox(String name, String paths) throws Exception {
    return EnvPackages.build(tmp.resolve("pkgs"), EnvPackages.info(name, "1.37.0-r0").addProvides("busybox=1.37.0-r0")
        .build(), dir -> {
          Files.createDirectories(dir.resolve("usr/bin"));
          Files.writeString(dir.resolve("usr/bin/busybox"), "ELF");
          Files.setAttribute(dir.resolve("usr/bin/busybox"), "unix:mode", 0755);
          Files.writeString(dir.resolve("usr/bin/ls"), "a real ls");
          if (paths != null) {
            Files.createDirectories(dir.resolve("etc/busybox-paths.d"));
            Files.writeString(dir.resolve("etc/busybox-paths.d/" + name), paths);
          }
        });
  }

  @Test
  void install_busyboxWithPathsList_makesAbsoluteLinksOutsideTheDatabase() throws Exception {
    Path root = tmp.resolve("root");
    InstallResult r = Installer.install(root, EnvPackages.request(List.of(baselayout(),
        busybox("busybox-full", "/bin/busybox\nusr/bin/cat\nsbin/ip\nusr/bin/ls\n\nusr/libexec/x/tool\ntop\n"))));

    assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(root.resolve("usr/bin/cat")));
    assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(root.resolve("usr/bin/ip")));
    assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(root.resolve("usr/libexec/x/tool")));
    assertEquals("a real ls", Files.readString(root.resolve("usr/bin/ls")), "an existing file stays");
    assertFalse(Files.exists(root.resolve("top"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals(3, r.busyboxLinks());
    assertFalse(Files.readString(root.resolve("lib/apk/db/installed")).contains("R:cat\n"));
  }

  @Test
  void install_busyboxWithoutList_makesNoLinksAndSaysSo() throws Exception {
    Path root = tmp.resolve("root");
    InstallResult r = Installer.install(root, EnvPackages.request(List.of(baselayout(), busybox("busybox", null))));
    assertEquals(0, r.busyboxLinks());
    assertEquals(List.of("busybox ships no /etc/busybox-paths.d list: no applet links made"), r.notes());
  }

  @Test
  void install_noBusybox_makesNoLinks() throws Exception {
    Path root = tmp.resolve("root");
    InstallResult r = Installer.install(root, EnvPackages.request(List.of(baselayout())));
    assertEquals(0, r.busyboxLinks());
    assertTrue(r.notes().isEmpty());
  }
}
