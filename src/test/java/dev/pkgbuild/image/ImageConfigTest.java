package dev.pkgbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
  @Test
  void env_isSortedByName_emptyFieldsLeaveTheConfigOut() {
    ImageConfig c = new ImageConfig("x86_64", null, List.of("A1=2", "PATH=/bin", "A=1"), null, null, "", null, 0);
    assertEquals(List.of("A=1", "A1=2", "PATH=/bin"), c.env());
    String json = new String(ImageJson.config(ImageConfig.minimal("x86_64", 0), new Platform("amd64", "linux", null),
        List.of("sha256:00")));
    assertEquals(false, json.contains("\"config\""), json);
    assertEquals(true, json.contains("\"created\": \"1970-01-01T00:00:00Z\""), json);
  }

  @Test
  void platform_mapsApkArchitectures() throws Exception {
    assertEquals(new Platform("amd64", "linux", null), Platform.ofApkArch("x86_64"));
    assertEquals(new Platform("arm64", "linux", null), Platform.ofApkArch("aarch64"));
    assertEquals(new Platform("arm", "linux", "v7"), Platform.ofApkArch("armv7"));
    assertEquals(new Platform("arm64", "linux", null), Platform.ofApkArch("arm64"));
    assertThrows(PkgbuildException.class, () -> Platform.ofApkArch("pdp11"));
  }

  @Test
  void dockerTags_needATag_andGetContainerdsFullName() throws Exception {
    assertEquals("1", DockerArchive.tagOf("pkgbuild/base:1"));
    assertEquals("x", DockerArchive.tagOf("localhost:5000/base:x"));
    assertThrows(PkgbuildException.class, () -> DockerArchive.tagOf("localhost:5000/base"));
    assertThrows(PkgbuildException.class, () -> DockerArchive.tagOf("base@sha256:00"));
    assertEquals("docker.io/library/base:1", DockerArchive.fullName("base:1"));
    assertEquals("docker.io/pkgbuild/base:1", DockerArchive.fullName("pkgbuild/base:1"));
    assertEquals("ghcr.io/a/b:1", DockerArchive.fullName("ghcr.io/a/b:1"));
    assertEquals(Map.of(), ImageConfig.minimal("x86_64", 0).annotations());
  }
}
