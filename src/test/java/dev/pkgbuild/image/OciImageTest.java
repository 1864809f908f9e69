package dev.pkgbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarReader;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static ImageConfig config(String arch) {
    return new ImageConfig(arch, "65532", List.of("PATH=/usr/bin:/bin", "LANG=C.UTF-8"), List.of("/usr/bin/tool"),
        List.of("--help"), "/home/nonroot", Map.of("org.opencontainers.image.title", "sample"), SampleRoot.EPOCH);
  }

  private WrittenImage sample(Path root, Path layout, List<Set<String>> groups) throws Exception {
    return OciImage.write(root, InstalledOwners.read(root), groups, config("x86_64"), layout, "latest");
  }

  @Test
  void layer_carriesRecordedOwnersSortedEntriesOneMtime_noNames() throws Exception {
    Path root = SampleRoot.write(tmp.resolve("root"));
    WrittenImage image = sample(root, tmp.resolve("oci"), List.of());
    assertEquals(1, image.layers().size());
    Map<String, TarEntry> entries = entries(new Blobs(tmp.resolve("oci")).path(image.layers().get(0).blob()));
    assertEquals(List.of("bin", "etc", "etc/os-release", "home", "home/nonroot", "home/nonroot/.profile", "lib",
        "lib/apk", "lib/apk/db", "lib/apk/db/installed", "tmp", "usr", "usr/bin", "usr/bin/tool", "usr/bin/tool2",
        "usr/share", "usr/share/app", "usr/share/app/data"), new ArrayList<>(entries.keySet()));
    assertOwner(entries.get("home/nonroot"), 65532, 0750);
    assertOwner(entries.get("home/nonroot/.profile"), 65532, 0644); // 0600 on disk
    assertOwner(entries.get("usr/share/app/data"), 65532, 0640);
    assertOwner(entries.get("tmp"), 0, 0777); // no record: root, the disk's mode
    assertEquals(TarEntry.Type.SYMLINK, entries.get("bin").type());
    assertEquals("usr/bin", entries.get("bin").linkTarget());
    assertEquals(TarEntry.Type.HARDLINK, entries.get("usr/bin/tool2").type());
    assertEquals("usr/bin/tool", entries.get("usr/bin/tool2").linkTarget());
    for (TarEntry e : entries.values()) {
      assertEquals(SampleRoot.EPOCH, e.mtime(), e.name());
      assertEquals("", e.uname() + e.gname(), e.name());
    }
  }

  @Test
  void layout_isReadBySkopeo_configCarriesPlatformUserEnvCommand() throws Exception {
    Requires.tool("skopeo");
    Path root = SampleRoot.write(tmp.resolve("root"));
    Path layout = tmp.resolve("oci");
    WrittenImage image = sample(root, layout, List.of());
    JsonNode raw = JSON.readTree(SampleRoot.run("skopeo", "inspect", "--raw", "oci:" + layout + ":latest"));
    assertEquals(MediaTypes.MANIFEST, raw.get("mediaType").asText());
    assertEquals(image.config().digest(), raw.get("config").get("digest").asText());
    JsonNode info = JSON.readTree(SampleRoot.run("skopeo", "inspect", "oci:" + layout + ":latest"));
    assertEquals("amd64", info.get("Architecture").asText());
    assertEquals("linux", info.get("Os").asText());
    assertEquals(1, info.get("Layers").size());
    assertEquals("2023-11-14T22:13:20Z", info.get("Created").asText());
    JsonNode cfg = JSON.readTree(SampleRoot.run("skopeo", "inspect", "--config", "oci:" + layout + ":latest"));
    assertEquals("65532", cfg.get("config").get("User").asText());
    assertEquals("[\"LANG=C.UTF-8\",\"PATH=/usr/bin:/bin\"]", cfg.get("config").get("Env").toString());
    assertEquals("sample", cfg.get("config").get("Labels").get("org.opencontainers.image.title").asText());
    assertEquals(image.diffIds().get(0), cfg.get("rootfs").get("diff_ids").get(0).asText());
    assertEquals("pkgbuild", cfg.get("history").get(0).get("created_by").asText());
  }

  @Test
  void umociUnpacks_filesModesLinksAndRuntimeConfig() throws Exception {
    Requires.tool("umoci");
    Path root = SampleRoot.write(tmp.resolve("root"));
    Path layout = tmp.resolve("oci");
    sample(root, layout, List.of());
    Path bundle = tmp.resolve("bundle");
    SampleRoot.run("umoci", "unpack", "--rootless", "--image", layout + ":latest", bundle.toString());
    Path fs = bundle.resolve("rootfs");
    assertEquals("#!/bin/sh\necho tool\n", Files.readString(fs.resolve("usr/bin/tool")));
    assertEquals("rwxr-xr-x", perms(fs.resolve("usr/bin/tool")));
    assertEquals("rw-r-----", perms(fs.resolve("usr/share/app/data")));
    assertEquals(Path.of("usr/bin"), Files.readSymbolicLink(fs.resolve("bin")));
    assertEquals(Files.getAttribute(fs.resolve("usr/bin/tool"), "unix:ino"),
        Files.getAttribute(fs.resolve("usr/bin/tool2"), "unix:ino"));
    JsonNode spec = JSON.readTree(bundle.resolve("config.json").toFile());
    assertEquals(65532, spec.get("process").get("user").get("uid").asInt());
    assertEquals("[\"/usr/bin/tool\",\"--help\"]", spec.get("process").get("args").toString());
    assertEquals("/home/nonroot", spec.get("process").get("cwd").asText());
  }

  @Test
  void umociAsRoot_appliesTheRecordedOwners() throws Exception {
    Requires.tool("umoci");
    Requires.that("root".equals(System.getProperty("user.name")), "applying owners on unpack needs root");
    Path root = SampleRoot.write(tmp.resolve("root"));
    Path layout = tmp.resolve("oci");
    sample(root, layout, List.of());
    Path bundle = tmp.resolve("bundle");
    SampleRoot.run("umoci", "unpack", "--image", layout + ":latest", bundle.toString());
    Path fs = bundle.resolve("rootfs");
    assertEquals(65532, Files.getAttribute(fs.resolve("usr/share/app/data"), "unix:uid"));
    assertEquals(65532, Files.getAttribute(fs.resolve("home/nonroot"), "unix:gid"));
    assertEquals(0, Files.getAttribute(fs.resolve("usr/bin/tool"), "unix:uid"));
    assertEquals("rw-r-----", perms(fs.resolve("usr/share/app/data")));
  }

  @Test
  void sameRoot_otherDiskTimesModesAndFolder_sameManifestDigest() throws Exception {
    Path a = SampleRoot.write(tmp.resolve("a"));
    Path b = SampleRoot.write(tmp.resolve("elsewhere/b"));
    SampleRoot.retime(b, 1_234_567L);
    SampleRoot.chownWherePossible(b, 1234);
    Files.setPosixFilePermissions(b.resolve("usr/share/app/data"), java.nio.file.attribute.PosixFilePermissions
        .fromString("rwxrwxrwx")); // recorded as 0640: the disk's mode must not leak
    WrittenImage one = sample(a, tmp.resolve("oci1"), List.of());
    WrittenImage two = sample(b, tmp.resolve("oci2"), List.of());
    assertEquals(one.manifest().digest(), two.manifest().digest());
    assertEquals(Files.readString(tmp.resolve("oci1/index.json")), Files.readString(tmp.resolve("oci2/index.json")));
  }

  @Test
  void perPackageLayers_aGroupsLayerIsTheSameWhateverElseIsInTheImage() throws Exception {
    Path a = SampleRoot.write(tmp.resolve("a"));
    Path b = SampleRoot.write(tmp.resolve("b"));
    SampleRoot.file(b, "etc/extra", "only in b\n", "rw-r--r--");
    SampleRoot.file(b, "usr/bin/other", "another package's tool\n", "rwxr-xr-x");
    Set<String> app = InstalledOwners.packagePaths(a).get("app");
    WrittenImage one = sample(a, tmp.resolve("oci1"), List.of(app));
    WrittenImage two = sample(b, tmp.resolve("oci2"), List.of(app));
    assertEquals(2, one.layers().size());
    assertEquals(0, one.layers().get(0).group());
    assertEquals(-1, one.layers().get(1).group());
    assertEquals(one.layers().get(0).blob(), two.layers().get(0).blob());
    assertNotEquals(one.layers().get(1).blob(), two.layers().get(1).blob());
    Map<String, TarEntry> appLayer = entries(new Blobs(tmp.resolve("oci1")).path(one.layers().get(0).blob()));
    assertEquals(List.of("usr", "usr/bin", "usr/bin/tool", "usr/bin/tool2", "usr/share", "usr/share/app",
        "usr/share/app/data"), new ArrayList<>(appLayer.keySet()));
    Map<String, TarEntry> rest = entries(new Blobs(tmp.resolve("oci2")).path(two.layers().get(1).blob()));
    assertTrue(rest.containsKey("usr/bin/other") && rest.containsKey("usr/bin") && !rest.containsKey("usr/bin/tool"),
        rest.keySet().toString());
  }

  @Test
  void aPathTwoGroupsName_isInBothLayers_soNeitherDependsOnTheOther() throws Exception {
    Path root = SampleRoot.write(tmp.resolve("root"));
    Set<String> app = new java.util.HashSet<>(InstalledOwners.packagePaths(root).get("app"));
    app.add("tmp");
    WrittenImage alone = sample(root, tmp.resolve("oci1"), List.of(app));
    WrittenImage after = sample(root, tmp.resolve("oci2"), List.of(Set.of("tmp", "etc"), app));
    assertEquals(alone.layers().get(0).blob(), after.layers().get(1).blob());
    assertEquals(List.of(0, 1, -1), after.layers().stream().map(WrittenImage.Layer::group).toList());
  }

  @Test
  void perPackageLayers_unpackInOrder() throws Exception {
    Requires.tool("umoci");
    Path root = SampleRoot.write(tmp.resolve("root"));
    Path layout = tmp.resolve("oci");
    List<Set<String>> groups = new ArrayList<>(InstalledOwners.packagePaths(root).values());
    WrittenImage image = sample(root, layout, groups);
    assertEquals(3, image.layers().size());
    Path bundle = tmp.resolve("bundle");
    SampleRoot.run("umoci", "unpack", "--rootless", "--image", layout + ":latest", bundle.toString());
    assertEquals("export A=1\n", Files.readString(bundle.resolve("rootfs/home/nonroot/.profile")));
    assertEquals("rw-r-----", perms(bundle.resolve("rootfs/usr/share/app/data")));
    assertTrue(Files.isRegularFile(bundle.resolve("rootfs/lib/apk/db/installed")));
  }

  @Test
  void dockerArchive_roundTripsThroughSkopeo_sameConfigAndLayers() throws Exception {
    Requires.tool("skopeo");
    Path root = SampleRoot.write(tmp.resolve("root"));
    Path layout = tmp.resolve("oci");
    WrittenImage image = sample(root, layout, new ArrayList<>(InstalledOwners.packagePaths(root).values()));
    Path tar = tmp.resolve("image.tar");
    DockerArchive.write(layout, image, "pkgbuild/sample:1", tar);
    Path again = tmp.resolve("image2.tar");
    DockerArchive.write(layout, image, "pkgbuild/sample:1", again);
    assertEquals(-1, Files.mismatch(tar, again));

    JsonNode info = JSON.readTree(SampleRoot.run("skopeo", "inspect", "docker-archive:" + tar));
    assertEquals("amd64", info.get("Architecture").asText());
    Path copy = tmp.resolve("copy");
    SampleRoot.run("skopeo", "copy", "docker-archive:" + tar, "oci:" + copy + ":tag");
    JsonNode cfg = JSON.readTree(SampleRoot.run("skopeo", "inspect", "--config", "oci:" + copy + ":tag"));
    assertEquals(image.diffIds().toString().replace(" ", ""), cfg.get("rootfs").get("diff_ids").toString()
        .replace("\"", ""));
    // skopeo recompresses what it reads from a docker archive, so the compressed digests change
    // there; read as an OCI archive, the same file gives back the very blobs.
    Path ociCopy = tmp.resolve("oci-copy");
    SampleRoot.run("skopeo", "copy", "oci-archive:" + tar + ":1", "oci:" + ociCopy + ":tag");
    JsonNode raw = JSON.readTree(SampleRoot.run("skopeo", "inspect", "--raw", "oci:" + ociCopy + ":tag"));
    assertEquals(image.config().digest(), raw.get("config").get("digest").asText());
    List<String> layers = new ArrayList<>();
    raw.get("layers").forEach(l -> layers.add(l.get("digest").asText()));
    assertEquals(image.layers().stream().map(l -> l.blob().digest()).toList(), layers);
  }

  @Test
  void twoArchitectures_oneIndex_eachTagSelectsItsPlatform() throws Exception {
    Requires.tool("skopeo");
    Path root = SampleRoot.write(tmp.resolve("root"));
    Path layout = tmp.resolve("oci");
    Map<String, Owner> owners = InstalledOwners.read(root);
    Map<String, Descriptor> byArch = new LinkedHashMap<>();
    for (String arch : List.of("x86_64", "aarch64")) {
      WrittenImage w = OciImage.write(root, owners, List.of(), config(arch), layout, "1-" + arch);
      byArch.put(arch, w.manifest());
    }
    OciImage.index(layout, List.copyOf(byArch.values()), Map.of("org.opencontainers.image.title", "sample"));
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    assertEquals(2, index.get("manifests").size());
    assertEquals("arm64", index.get("manifests").get(1).get("platform").get("architecture").asText());
    assertEquals("arm64", JSON.readTree(SampleRoot.run("skopeo", "inspect", "oci:" + layout + ":1-aarch64"))
        .get("Architecture").asText());
    assertEquals("amd64", JSON.readTree(SampleRoot.run("skopeo", "inspect", "oci:" + layout + ":1-x86_64"))
        .get("Architecture").asText());
  }

  private static void assertOwner(TarEntry e, int id, int mode) {
    assertEquals(id + ":" + id + " " + Integer.toOctalString(mode),
        e.uid() + ":" + e.gid() + " " + Integer.toOctalString(e.mode()), e.name());
  }

  private static String perms(Path p) throws IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p,
        java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  /** The entries of a gzipped layer blob, in tar order. */
  static Map<String, TarEntry> entries(Path blob) throws IOException {
    Map<String, TarEntry> out = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(blob))) {
      TarReader r = new TarReader(in);
      for (TarReader.Item i; (i = r.next()) != null; ) {
        out.put(i.entry().name(), i.entry());
      }
    }
    return out;
  }
}
