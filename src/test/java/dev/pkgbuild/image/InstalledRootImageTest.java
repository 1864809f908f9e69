package dev.pkgbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.env.InstallRequest;
import dev.pkgbuild.env.Installer;
import dev.pkgbuild.env.VerifiedPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the real installer: what it records is what the layers carry. */
class InstalledRootImageTest {
  private static final long EPOCH = SampleRoot.EPOCH;
  @TempDir Path tmp;

  private VerifiedPackage pkg(String name, Function<TarEntry, TarEntry> owners, SampleTree tree) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tree-" + name));
    tree.make(dir);
    PkgInfo info = PkgInfo.builder(name, "1.0-r0").arch("x86_64").pkgdesc(name).url("https://example.invalid")
        .addLicense("MIT").origin(name).builddate(EPOCH).build();
    Path apk = tmp.resolve(name + ".apk");
    WrittenApk w = new ApkWriter(null, List.of(), EPOCH, owners).writeTo(info, dir, Map.of(), apk);
    return VerifiedPackage.of(apk, w.indexEntry());
  }

  @FunctionalInterface
  interface SampleTree {
    void make(Path dir) throws Exception;
  }

  @Test
  void installedRoot_layersCarryTheDatabasesOwners_onePerPackage() throws Exception {
    VerifiedPackage base = pkg("base", e -> e.name().startsWith("home/nonroot") ? e.withOwner(65532, 65532, "", "") : e,
        dir -> {
          SampleRoot.dir(dir, "home/nonroot", "rwxr-x---");
          SampleRoot.dir(dir, "usr/bin", "rwxr-xr-x");
          Files.createSymbolicLink(dir.resolve("bin"), Path.of("usr/bin"));
          SampleRoot.file(dir, "etc/os-release", "ID=sample\n", "rw-r--r--");
        });
    VerifiedPackage tool = pkg("tool", e -> e.name().equals("var/lib/tool/data") ? e.withOwner(65532, 65532, "", "") : e,
        dir -> {
          SampleRoot.file(dir, "usr/bin/hello", "#!/bin/sh\necho hi\n", "rwxr-xr-x");
          Files.createLink(dir.resolve("usr/bin/hi"), dir.resolve("usr/bin/hello"));
          SampleRoot.file(dir, "var/lib/tool/data", "d\n", "rw-r-----");
        });
    Path root = tmp.resolve("root");
    Installer.install(root, new InstallRequest(List.of(base, tool), List.of("base", "tool"), List.of(), List.of(),
        "x86_64", EPOCH));

    Map<String, Set<String>> byPackage = InstalledOwners.packagePaths(root);
    assertEquals(Set.of("bin", "etc", "etc/os-release", "home", "home/nonroot", "usr", "usr/bin"), byPackage.get("base"));
    Path layout = tmp.resolve("oci");
    WrittenImage image = OciImage.write(root, InstalledOwners.read(root), new ArrayList<>(byPackage.values()),
        ImageConfig.minimal("x86_64", EPOCH), layout, "latest");
    assertEquals(List.of(0, 1, -1), image.layers().stream().map(WrittenImage.Layer::group).toList());

    Blobs blobs = new Blobs(layout);
    Map<String, TarEntry> baseLayer = OciImageTest.entries(blobs.path(image.layers().get(0).blob()));
    assertEquals("65532:65532:750", owner(baseLayer.get("home/nonroot")));
    assertEquals(TarEntry.Type.SYMLINK, baseLayer.get("bin").type());
    Map<String, TarEntry> toolLayer = OciImageTest.entries(blobs.path(image.layers().get(1).blob()));
    assertEquals(List.of("usr", "usr/bin", "usr/bin/hello", "usr/bin/hi", "var", "var/lib", "var/lib/tool",
        "var/lib/tool/data"), new ArrayList<>(toolLayer.keySet()));
    assertEquals("65532:65532:640", owner(toolLayer.get("var/lib/tool/data")));
    assertEquals("0:0:755", owner(toolLayer.get("usr/bin/hello")));
    assertEquals(TarEntry.Type.HARDLINK, toolLayer.get("usr/bin/hi").type());
    Map<String, TarEntry> rest = OciImageTest.entries(blobs.path(image.layers().get(2).blob()));
    assertEquals("0:0:644", owner(rest.get("lib/apk/db/installed")));
    assertEquals("0:0:1777", owner(rest.get("tmp")));
  }

  private static String owner(TarEntry e) {
    return e.uid() + ":" + e.gid() + ":" + Integer.toOctalString(e.mode());
  }
}
