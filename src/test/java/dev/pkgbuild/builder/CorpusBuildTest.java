package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real Wolfi recipes build unchanged from a seeded source cache, offline. The archives are
 * Debian's .orig tarballs, whose bytes equal the recipes' checksums (DEBIAN-ORIG.tsv);
 * .ci/run downloads them with apt-get source into $PKGBUILD_DEBIAN_SRC.
 */
class CorpusBuildTest {
  @ParameterizedTest
  @ValueSource(strings = {"lzo", "zip"})
  void build_wolfiRecipeFromSeededCache_buildsOfflineAndVerifies(String name, @TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    Requires.tool("gcc");
    Requires.tool("make");
    if (name.equals("lzo")) {
      Requires.tool("cmake");
      Requires.tool("ninja");
    }
    Path corpus = Requires.shared().resolve("corpus/wolfi");
    Map<String, String[]> orig = origTable(corpus);
    String[] row = orig.get(name + ".yaml");
    Path archive = debianSource(row[3]);
    String sha = sha256(archive);
    assertEquals(row[4], sha, "the Debian archive has the recipe's bytes");

    TestBuilds t = new TestBuilds(tmp, "auto");
    Files.createDirectories(t.cache());
    Files.copy(archive, t.cache().resolve("sha256:" + sha));
    BuildRequest q = t.request(corpus.resolve(name + ".yaml"), 1787399385L);
    BuildRequest req = new BuildRequest(q.recipe(), q.arch(), q.outDir(), null, q.keysDir(), null,
        List.of(corpus.resolve("pipelines")), q.cacheDir(), List.of(corpus.resolve("build-common.env")), "wolfi",
        q.runner(), q.tempRoot(), false, false, true, q.sourceDateEpoch());
    // Wolfi's test pipelines run Wolfi's own tools (ldd-check, ver-check), which no offline host
    // has: this test is about building; tests run in BuilderPackageTestsTest and TestPipelinesRunTest.
    BuildResult r = t.builder().build(req.withSkipTests(true));

    assertTrue(r.packages().size() >= 2, r.packages().toString());
    for (Path apk : r.packages()) {
      assertTrue(ApkVerifier.verify(apk, TrustedKeys.in(t.keys())).ok(), apk.toString());
    }
  }

  static Map<String, String[]> origTable(Path corpus) throws Exception {
    try (Stream<String> lines = Files.lines(corpus.resolve("DEBIAN-ORIG.tsv"))) {
      return lines.skip(1).map(l -> l.split("\t")).collect(Collectors.toMap(c -> c[0], c -> c));
    }
  }

  static Path debianSource(String file) {
    String dir = System.getenv().getOrDefault("PKGBUILD_DEBIAN_SRC",
        System.getProperty("user.home") + "/.cache/pkgbuild-test/debian-src");
    Path p = Path.of(dir, file);
    Requires.that(Files.isRegularFile(p), "Debian source archive " + p + " is missing (apt-get source --download-only)");
    return p;
  }

  static String sha256(Path f) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(Files.readAllBytes(f));
    return HexFormat.of().formatHex(md.digest());
  }
}
