package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.LockFile;
import dev.pkgbuild.testing.DebianToolchainRepo;
import dev.pkgbuild.testing.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pkgbuild image}, whole: a package this build made plus busybox from the Debian toolchain
 * repository, as an OCI layout and a docker tarball read by the real skopeo and umoci, its
 * entrypoint run from the unpacked rootfs under bwrap, the same digest twice.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ImageBuilderTest {
  @TempDir Path tmp;
  DebianToolchainRepo toolchain;
  TestBuilds t;

  @BeforeEach
  void setUp() throws Exception {
    toolchain = DebianToolchainRepo.require();
    Requires.tool("skopeo");
    Requires.tool("umoci");
    TestBuilds.requireRunner("bubblewrap");
    t = new TestBuilds(tmp, "bubblewrap");
    Path recipe = Files.writeString(tmp.resolve("hello-sh.yaml"), """
        package:
          name: hello-sh
          version: 1.0
          epoch: 0
          copyright:
            - license: MIT
        pipeline:
          - runs: |
              mkdir -p ${{targets.destdir}}/usr/bin
              printf '#!/bin/sh\\necho hello from the image as $(id -u)\\n' > ${{targets.destdir}}/usr/bin/hello
              chmod 755 ${{targets.destdir}}/usr/bin/hello
        """);
    t.build(recipe, 0);
  }

  private Path config(String packages) throws Exception {
    return Files.writeString(tmp.resolve("image.yaml"), """
        contents:
          repositories: [%s, %s]
          keyring: [%s]
          packages: [%s]
        accounts:
          groups:
            - groupname: nonroot
              gid: 65532
          users:
            - username: nonroot
              uid: 65532
              gid: 65532
          run-as: nonroot
        entrypoint:
          command: /usr/bin/hello
        work-dir: /home/nonroot
        paths:
          - path: /data
            type: directory
            uid: 65532
            gid: 65532
            permissions: 0o750
        archs: [x86_64]
        annotations:
          org.opencontainers.image.title: hello
        """.formatted(toolchain.root(), t.out(), toolchain.publicKey(), packages));
  }

  private ImageRequest request(Path config, String out, Path lock) {
    return new ImageRequest(config, tmp.resolve(out), tmp.resolve(out + ".tar"), "test/hello:1", lock, false,
        EnvironmentOptions.defaults(tmp.resolve("cache-" + out)), "test", false, 1_700_000_000L,
        tmp.resolve("work-" + out));
  }

  private static String run(Path dir, String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", argv) + "\n" + out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
        org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(text);
  }

  @Test
  void anImageSkopeoAndUmociReadWhoseEntrypointRunsAndWhoseDigestRepeats() throws Exception {
    Path cfg = config("busybox, hello-sh");
    ImageBuilder.Result first = new ImageBuilder(Reporter.silent()).build(request(cfg, "out1", null));
    String digest = first.manifests().get(0).digest();

    Map<String, Object> conf = json(run(tmp, "skopeo", "inspect", "--config", "oci:out1:1"));
    Map<String, Object> c = (Map<String, Object>) conf.get("config");
    assertEquals("65532", c.get("User"));
    assertEquals(List.of("/usr/bin/hello"), c.get("Entrypoint"));
    assertEquals("/home/nonroot", c.get("WorkingDir"));
    assertTrue(((List<String>) c.get("Env")).contains("SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"));
    assertEquals("amd64", conf.get("architecture"));

    run(tmp, "umoci", "unpack", "--rootless", "--image", "out1:1", "bundle");
    Path rootfs = tmp.resolve("bundle/rootfs");
    assertTrue(Files.readString(rootfs.resolve("lib/apk/db/installed")).contains("P:hello-sh\nV:1.0-r0\n"),
        "scanners find the packages where apk keeps them");
    assertTrue(Files.readString(rootfs.resolve("etc/passwd")).contains("nonroot:x:65532:65532:"));
    assertTrue(Files.isDirectory(rootfs.resolve("home/nonroot")) && Files.isDirectory(rootfs.resolve("data")));
    String sbom = Files.readString(rootfs.resolve("var/lib/db/sbom/image-test_hello-x86_64.spdx.json"));
    assertTrue(sbom.contains("pkg:apk/test/hello-sh@1.0-r0") && sbom.contains("\"CONTAINS\""), sbom);
    assertTrue(sbom.contains("\"externalDocumentRefs\"") && sbom.contains("\"DESCRIBED_BY\""),
        "the package's own SBOM (in the image) is referenced by namespace and checksum: " + sbom);
    assertTrue(Files.isRegularFile(tmp.resolve("out1/sbom-x86_64.spdx.json")));
    Map<String, Object> runtime = json(Files.readString(tmp.resolve("bundle/config.json")));
    assertEquals(65532, ((Map<String, Object>) ((Map<String, Object>) runtime.get("process")).get("user")).get("uid"));

    String said = run(tmp, "bwrap", "--bind", rootfs.toString(), "/", "--proc", "/proc", "--dev", "/dev",
        "--unshare-all", "--uid", "65532", "--gid", "65532", "--chdir", "/", "/usr/bin/hello");
    assertEquals("hello from the image as 65532\n", said);

    ImageBuilder.Result again = new ImageBuilder(Reporter.silent()).build(request(cfg, "out2", null));
    assertEquals(digest, again.manifests().get(0).digest(), "same config, same epoch, same image");

    run(tmp, "skopeo", "copy", "docker-archive:" + tmp.resolve("out1.tar"), "oci:copied:x");
    assertEquals(json(run(tmp, "skopeo", "inspect", "--config", "oci:out1:1")).get("rootfs"),
        json(run(tmp, "skopeo", "inspect", "--config", "oci:copied:x")).get("rootfs"),
        "the tarball holds the same layers");

    Path lock = LockFile.beside(cfg);
    assertTrue(LockFile.read(lock).packages().stream().anyMatch(p -> p.name().equals("hello-sh")));
    ImageBuilder.Result locked = new ImageBuilder(Reporter.silent()).build(request(cfg, "out3", lock));
    assertEquals(digest, locked.manifests().get(0).digest(), "the lock rebuilds the same image");
  }

  @Test
  void perPackageLayering_givesOneLayerPerPackage() throws Exception {
    Path cfg = config("busybox, hello-sh");
    ImageRequest r = request(cfg, "layers", null);
    ImageRequest perPackage = new ImageRequest(r.config(), r.output(), null, r.tag(), null, true, r.environment(),
        r.namespace(), false, r.epoch(), r.tempRoot());
    new ImageBuilder(Reporter.silent()).build(perPackage);
    List<Object> layers = (List<Object>) json(run(tmp, "skopeo", "inspect", "oci:layers:1")).get("Layers");
    assertTrue(layers.size() >= 3, "busybox, hello-sh, and the rest: " + layers);
  }

  @Test
  void aPackageNoRepositoryHolds_isNamedAtItsLineInTheConfig() throws Exception {
    Path cfg = config("busybox, nosuch");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> new ImageBuilder(Reporter.silent()).build(request(cfg, "bad", null)));
    assertTrue(e.getMessage().startsWith(cfg + ":4:"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing provides nosuch"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("bad/index.json")), "nothing written");
  }

  @Test
  void theBundledExampleLoads() throws Exception {
    var spec = dev.pkgbuild.recipe.ImageSpecLoader.load(Path.of("images/hello.yaml"));
    assertEquals("nonroot", spec.runAs().value());
    assertEquals(new ArrayList<>(List.of("wolfi-baselayout", "busybox", "hello")),
        spec.packages().stream().map(p -> p.value()).toList());
  }
}
