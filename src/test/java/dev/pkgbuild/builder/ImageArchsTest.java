package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image config with two archs gives one manifest per arch in one index, each with its platform. */
class ImageArchsTest {
  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void twoArchs_oneManifestEachInTheIndex_andOneLockListingBoth() throws Exception {
    SigningKey key = RepoFixture.key(tmp.resolve("keys"));
    Path repo = tmp.resolve("repo");
    for (String arch : List.of("x86_64", "aarch64")) {
      Repository r = Repository.open(repo, arch, key, Reporter.silent());
      r.publish(List.of(RepoFixture.build(tmp.resolve("work-" + arch), r.archDir(), key, "hello", "1.0-r0", arch)));
    }
    Path pub = Files.writeString(tmp.resolve(key.keyName()), key.publicKeyPem());
    Path cfg = Files.writeString(tmp.resolve("multi.yaml"), """
        contents:
          repositories: [%s]
          keyring: [%s]
          packages: [hello]
        archs: [amd64, arm64]
        """.formatted(repo, pub));
    ImageBuilder.Result r = new ImageBuilder(Reporter.silent()).build(new ImageRequest(cfg, tmp.resolve("out"), null,
        "multi:2", null, false, EnvironmentOptions.defaults(tmp.resolve("cache")), null, false, 0, tmp.resolve("w")));
    assertEquals(2, r.manifests().size());
    Map<String, Object> index = (Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
        org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(
        Files.readString(tmp.resolve("out/index.json")));
    List<Map<String, Object>> manifests = (List<Map<String, Object>>) index.get("manifests");
    assertEquals(List.of("amd64", "arm64"), manifests.stream()
        .map(m -> ((Map<String, Object>) m.get("platform")).get("architecture")).toList());
    assertEquals(List.of("2-x86_64", "2-aarch64"), manifests.stream()
        .map(m -> ((Map<String, Object>) m.get("annotations")).get("org.opencontainers.image.ref.name")).toList());
    String lock = Files.readString(tmp.resolve("multi.lock.json"));
    assertTrue(lock.contains("\"architecture\": \"x86_64\"") && lock.contains("\"architecture\": \"aarch64\""), lock);
  }
}
