package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Indexes, keyrings, offline use and local repositories. */
class RepositoryClientTest extends ServedRepositoryTest {
  @Test
  void index_isFetchedOnce_thenRevalidatedWithIfNoneMatchAnd304() throws Exception {
    RepositoryIndex first = client(false).index(remote(), "x86_64", keys());
    RepositoryIndex second = client(false).index(remote(), "x86_64", keys());

    assertEquals(List.of("hello"), first.entries().stream().map(IndexEntry::name).toList());
    assertEquals(first.entries(), second.entries());
    assertEquals(1, server.count(INDEX_PATH, 200));
    assertEquals(1, server.count(INDEX_PATH, 304));
    assertNull(server.seen.get(0).ifNoneMatch());
    assertTrue(server.seen.get(1).ifNoneMatch().startsWith("\""), server.seen.get(1).toString());
    assertEquals(server.url(), first.location());
    assertTrue(log.contains("fetch " + server.url() + INDEX_PATH), log.toString());
  }

  @Test
  void index_isRevalidatedWithIfModifiedSince_whenTheServerSendsNoEtag() throws Exception {
    server.lastModifiedOnly();
    client(false).index(remote(), "x86_64", keys());
    RepositoryIndex second = client(false).index(remote(), "x86_64", keys());

    assertEquals(1, second.entries().size());
    assertEquals(1, server.count(INDEX_PATH, 200));
    assertEquals(1, server.count(INDEX_PATH, 304));
    assertNull(server.seen.get(1).ifNoneMatch());
    assertTrue(server.seen.get(1).ifModifiedSince().endsWith(" GMT"), server.seen.get(1).toString());
  }

  @Test
  void index_isFetchedAgain_whenTheServerHasANewOne() throws Exception {
    client(false).index(remote(), "x86_64", keys());
    publish(root, key, "world", "2.0-r0");

    RepositoryIndex again = client(false).index(remote(), "x86_64", keys());

    assertEquals(List.of("hello", "world"), again.entries().stream().map(IndexEntry::name).toList());
    assertEquals(2, server.count(INDEX_PATH, 200));
  }

  @Test
  void index_isRefused_whenSignedByAnotherKeyOfTheSameName() throws Exception {
    Path other = tmp.resolve("other");
    publish(other, otherKey(), "hello", "1.0-r0");
    try (RepoHttpServer forged = new RepoHttpServer(other)) {
      RepositoryLine line = RepositoryLine.parse(forged.url());

      PkgbuildException e = assertThrows(PkgbuildException.class, () -> client(false).index(line, "x86_64", keys()));

      assertEquals(forged.url() + INDEX_PATH + ": BAD signature (key test.rsa.pub)", e.getMessage());
      // A refused index never enters the cache.
      PkgbuildException offline = assertThrows(PkgbuildException.class,
          () -> client(true).index(line, "x86_64", keys()));
      assertEquals("offline: " + forged.url() + INDEX_PATH + " is not in the apk cache", offline.getMessage());
    }
  }

  @Test
  void index_isRefused_whenNoKeyOfTheKeyringSignedIt() throws Exception {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> client(false).index(remote(), "x86_64", TrustedKeys.of()));
    assertTrue(e.getMessage().contains("UNTRUSTED signature"), e.getMessage());
  }

  @Test
  void index_isRefused_whenLargerThanTheLimit() throws Exception {
    RepositoryClient small = new RepositoryClient(ClientSettings.of(cacheDir, tmp).limits(100, 1 << 16, 1 << 20),
        reporter);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> small.index(remote(), "x86_64", keys()));
    assertEquals("cannot fetch " + server.url() + INDEX_PATH + ": larger than the limit of 100 bytes", e.getMessage());
  }

  @Test
  void index_isRefused_whenItInflatesFarBeyondTheLimit() throws Exception {
    Path bomb = Files.createDirectories(tmp.resolve("bomb/x86_64")).resolve("APKINDEX.tar.gz");
    try (java.io.OutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
      gz.write(new byte[4 << 20]);
    }
    try (RepoHttpServer bombs = new RepoHttpServer(tmp.resolve("bomb"))) {
      RepositoryClient small = new RepositoryClient(ClientSettings.of(cacheDir, tmp).limits(64 << 10, 1 << 16, 1 << 20),
          reporter);
      PkgbuildException e = assertThrows(PkgbuildException.class,
          () -> small.index(RepositoryLine.parse(bombs.url()), "x86_64", keys()));
      assertEquals(bombs.url() + INDEX_PATH + ": expands to more than " + (16 * (64 << 10)) + " bytes", e.getMessage());
    }
  }

  @Test
  void index_fetchGivesUp_whenTheServerStallsMidBody() throws Exception {
    RepositoryClient impatient = new RepositoryClient(ClientSettings.of(cacheDir, tmp)
        .timeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(300)), reporter);
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> impatient.index(RepositoryLine.parse(server.url() + "/stall"), "x86_64", keys()));
    assertEquals("cannot fetch " + server.url() + "/stall" + INDEX_PATH + ": no data for 300 ms", e.getMessage());
  }

  @Test
  void keyring_byUrl_isFetchedCachedAndTrusted() throws Exception {
    String keyUrl = server.url() + "/test.rsa.pub";
    TrustedKeys ring = client(false).keyring(List.of(keyUrl));

    assertEquals(1, client(false).index(remote(), "x86_64", ring).entries().size());
    // Offline, the cached key still verifies the cached index.
    RepositoryClient offline = client(true);
    assertEquals(1, offline.index(remote(), "x86_64", offline.keyring(List.of(keyUrl))).entries().size());
    assertEquals(1, server.count("/test.rsa.pub", 200));
  }

  @Test
  void keyring_byPath_readsTheFile_andNamesAMissingOne() throws Exception {
    TrustedKeys ring = client(false).keyring(List.of(root.resolve("test.rsa.pub").toString()));
    assertTrue(ring.key("test.rsa.pub").isPresent());

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> client(false).keyring(List.of("nope.rsa.pub")));
    assertEquals("keyring entry nope.rsa.pub: no such file", e.getMessage());
  }

  @Test
  void keyring_byUrl_refusesAFileThatIsNotAKey() throws Exception {
    Files.writeString(root.resolve("junk.rsa.pub"), "not a key\n");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> client(false).keyring(List.of(server.url() + "/junk.rsa.pub")));
    assertTrue(e.getMessage().startsWith(server.url() + "/junk.rsa.pub: "), e.getMessage());
  }

  @Test
  void offline_withAWarmCache_needsNoServer() throws Exception {
    RepositoryClient online = client(false);
    IndexEntry hello = online.index(remote(), "x86_64", keys()).entries().get(0);
    online.fetch(remote(), "x86_64", hello);
    RepositoryLine line = remote();
    server.close();

    RepositoryClient offline = client(true);
    assertEquals(List.of(hello), offline.index(line, "x86_64", keys()).entries());
    assertTrue(Files.isRegularFile(offline.fetch(line, "x86_64", hello)));
  }

  @Test
  void offline_withAColdCache_namesTheMissingUrl() throws Exception {
    PkgbuildException index = assertThrows(PkgbuildException.class,
        () -> client(true).index(remote(), "x86_64", keys()));
    assertEquals("offline: " + server.url() + INDEX_PATH + " is not in the apk cache", index.getMessage());

    IndexEntry hello = client(false).index(remote(), "x86_64", keys()).entries().get(0);
    PkgbuildException pkg = assertThrows(PkgbuildException.class, () -> client(true).fetch(remote(), "x86_64", hello));
    assertEquals("offline: " + server.url() + "/x86_64/hello-1.0-r0.apk is not in the apk cache", pkg.getMessage());
    assertTrue(server.seen.stream().noneMatch(s -> s.path().endsWith(".apk")));
  }

  @Test
  void localFolder_andFileUrl_areReadInPlace() throws Exception {
    for (String location : List.of(root.toString(), "file:" + root, "file://" + root, "repo")) {
      RepositoryLine line = RepositoryLine.parse(location);
      RepositoryClient c = client(false);
      IndexEntry hello = c.index(line, "x86_64", keys()).entries().get(0);

      assertEquals(root.resolve("x86_64/hello-1.0-r0.apk"), c.fetch(line, "x86_64", hello));
    }
    assertTrue(server.seen.isEmpty());
    assertFalse(Files.exists(cacheDir));
  }

  @Test
  void localFolder_withoutAnIndex_isSkippedWithAWarning() throws Exception {
    RepositoryIndex none = client(false).index(RepositoryLine.parse("./packages"), "x86_64", keys());
    assertTrue(none.entries().isEmpty());
    assertEquals(List.of("warning: repository ./packages has no index for x86_64 ("
        + tmp.resolve("packages/x86_64/APKINDEX.tar.gz") + "), skipped"), log);
  }
}
