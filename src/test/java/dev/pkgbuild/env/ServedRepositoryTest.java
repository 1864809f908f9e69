package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.RecordingReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real signed repository, made with the project's writer, served over HTTP on 127.0.0.1, and a client for it. */
@Timeout(120)
abstract class ServedRepositoryTest {
  static final String INDEX_PATH = "/x86_64/APKINDEX.tar.gz";

  @TempDir Path tmp;
  SigningKey key;
  Path root;
  Path cacheDir;
  RepoHttpServer server;
  final RecordingReporter reporter = new RecordingReporter();
  final List<String> log = reporter.lines();

  @BeforeEach
  void setUp() throws Exception {
    key = RepoFixture.key(tmp.resolve("keys"));
    root = tmp.resolve("repo");
    publish(root, key, "hello", "1.0-r0");
    cacheDir = tmp.resolve("cache");
    server = new RepoHttpServer(root);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  void publish(Path repoRoot, SigningKey k, String name, String version) throws Exception {
    Repository repo = Repository.open(repoRoot, "x86_64", k, Reporter.silent());
    repo.publish(List.of(RepoFixture.build(tmp.resolve("work-" + repoRoot.getFileName()), repo.archDir(), k, name,
        version)));
  }

  RepositoryClient client(boolean offline) {
    return new RepositoryClient(ClientSettings.of(cacheDir, tmp).offline(offline), reporter);
  }

  TrustedKeys keys() throws PkgbuildException {
    return TrustedKeys.of(key);
  }

  RepositoryLine remote() throws PkgbuildException {
    return RepositoryLine.parse(server.url());
  }

  /** Another build of hello-1.0-r0, no larger than the indexed one: valid and signed, just not the one indexed. */
  void writeOtherHello(Path target) throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("other-tree/usr/share/hello"));
    Files.writeString(tree.resolve("VERSION"), "h\n");
    PkgInfo info = PkgInfo.builder("hello", "1.0-r0").arch("x86_64").pkgdesc("test package hello")
        .url("https://example.invalid/hello").addLicense("MIT").origin("hello").builddate(0L).build();
    ApkWriter.of(key, 0).writeTo(info, tmp.resolve("other-tree"), Map.of(), target);
  }

  SigningKey otherKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    Path dir = Files.createDirectories(tmp.resolve("other-keys"));
    return SigningKey.load(Files.writeString(dir.resolve("test.rsa"),
        "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n"));
  }
}
