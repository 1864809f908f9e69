package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.ClientSettings;
import dev.pkgbuild.env.RepositoryClient;
import dev.pkgbuild.env.RepositoryIndex;
import dev.pkgbuild.env.RepositoryLine;
import dev.pkgbuild.repo.ObjectPublisher;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.S3ProxyServer;
import dev.pkgbuild.repo.S3Store;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.RecordingReporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -r s3://BUCKET/PREFIX}: the repository client reading a real S3 API with credentials. */
class S3ObjectsTest {
  @TempDir Path tmp;
  S3ProxyServer server;
  SigningKey key;

  @BeforeEach
  void setUp() throws Exception {
    server = new S3ProxyServer(tmp.resolve("s3"));
    key = SigningKey.load(RepoFixture.writeKey(tmp.resolve("keys")));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void s3Repository_indexAndPackagesAreReadThroughTheS3Api_andTheIndexIsFetchedAgainOnlyWhenItChanged()
      throws Exception {
    try (S3Store store = server.store("os")) {
      new ObjectPublisher(store, key, Reporter.silent(), ObjectPublisher.Options.defaults(0))
          .publish(RepoFixture.repository(tmp, key, "hello"));
    }
    RecordingReporter log = RecordingReporter.withDetails();
    RepositoryClient client = client(log);
    RepositoryLine line = RepositoryLine.parse("s3://" + S3ProxyServer.BUCKET + "/os");
    TrustedKeys keys = TrustedKeys.of(key);
    RepositoryIndex index = client.index(line, "x86_64", keys);
    assertEquals(List.of("hello"), index.entries().stream().map(IndexEntry::name).toList());
    Path fetched = client.fetch(line, "x86_64", index.entries().get(0));
    assertTrue(ApkVerifier.verify(fetched, keys).ok());

    log.lines().clear();
    client(log).index(line, "x86_64", keys);
    assertTrue(log.lines().contains("s3://repo/os/x86_64/APKINDEX.tar.gz not modified"),
        log.lines().toString());
  }

  @Test
  void s3Repository_withoutAnIndexYet_isEmptyWithAWarning_asAFolderBeforeItsFirstBuild() throws Exception {
    RecordingReporter log = new RecordingReporter();
    RepositoryIndex index = client(log).index(RepositoryLine.parse("s3://" + S3ProxyServer.BUCKET + "/none"),
        "x86_64", TrustedKeys.of(key));
    assertEquals(List.of(), index.entries());
    assertTrue(log.warnings().get(0).contains("has no index for x86_64 yet"), log.warnings().toString());
  }

  @Test
  void s3Repository_inABucketThatDoesNotExist_failsNamingTheObject() throws Exception {
    // a bucket that does not exist answers as a store refusing: one line naming what was read
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> client(new RecordingReporter())
        .index(RepositoryLine.parse("s3://no-such-bucket/os"), "x86_64", TrustedKeys.of(key)));
    assertTrue(e.getMessage().contains("s3://no-such-bucket/os/x86_64/APKINDEX.tar.gz"), e.getMessage());
  }

  private RepositoryClient client(Reporter log) {
    return new RepositoryClient(ClientSettings.of(tmp.resolve("cache"), tmp)
        .objects(new S3Objects(new S3Flags(server.endpoint(), true))), log);
  }
}
