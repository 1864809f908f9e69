package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Packages and indexes made by abuild-style tools and the real apk-tools 2.14.10. */
class OracleFixturesTest {
  static Path root() {
    return Requires.shared().resolve("testdata/apk");
  }

  static TrustedKeys keys() {
    return TrustedKeys.in(root().resolve("keys"));
  }

  static Stream<Path> packages() throws IOException {
    try (Stream<Path> s = Files.walk(root())) {
      return s.filter(p -> p.toString().endsWith(".apk")).sorted().toList().stream();
    }
  }

  static Stream<Path> repos() throws IOException {
    try (Stream<Path> s = Files.list(root())) {
      return s.filter(p -> Files.exists(p.resolve("APKINDEX.txt"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("packages")
  void verify_oraclePackage_okWithoutProblems(Path apk) throws Exception {
    ApkVerifier.Result r = ApkVerifier.verify(apk, keys());
    assertEquals(VerifyResult.OK, r.signature());
    assertEquals(java.util.List.of(), r.problems());
    assertFalse(r.contents().entries().isEmpty());
    assertTrue(r.contents().info().datahash() != null);
  }

  @ParameterizedTest
  @MethodSource("repos")
  void index_oracleRepo_sameTextAsApkTools(Path repo) throws Exception {
    ApkIndex index = ApkIndex.empty(null);
    try (Stream<Path> s = Files.list(repo.resolve("x86_64"))) {
      for (Path apk : s.filter(p -> p.toString().endsWith(".apk")).toList()) {
        index = index.with(ApkReader.read(apk).indexEntry());
      }
    }
    assertEquals(Files.readString(repo.resolve("APKINDEX.txt")), index.render());
  }

  @ParameterizedTest
  @MethodSource("repos")
  void readIndex_oracleIndex_signatureOkAndSameRecords(Path repo) throws Exception {
    IndexArchive.Read read = IndexArchive.read(repo.resolve("x86_64/APKINDEX.tar.gz"), keys());
    assertEquals(VerifyResult.OK, read.signature());
    assertEquals(Files.readString(repo.resolve("APKINDEX.txt")), read.index().render());
  }
}
