package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkReader;
import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The repository client against a real signed repository served over HTTP on 127.0.0.1. */
@Timeout(120)
class RepositoryClientTest {
  static final String INDEX_PATH = "/x86_64/APKINDEX.tar.gz";

  @TempDir Path tmp;
  SigningKey key;
  Path root;
  Path cacheDir;
  RepoHttpServer server;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final Reporter reporter = new Reporter() {
    @Override
    public void info(String message) {
      log.add(message);
    }

    @Override
    public void warn(String message) {
      log.add("warning: " + message);
    }
  };

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
  void fetch_checksThePackageAndCachesItByContent() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);

    Path apk = c.fetch(remote(), "x86_64", hello);
    Path again = client(true).fetch(remote(), "x86_64", hello);

    assertEquals(apk, again);
    assertTrue(apk.startsWith(cacheDir.resolve("packages")), apk.toString());
    assertEquals(Files.size(root.resolve("x86_64/hello-1.0-r0.apk")), Files.size(apk));
    assertEquals(1, server.count("/x86_64/hello-1.0-r0.apk", 200));
  }

  @Test
  void fetch_refusesAPackage_whoseBytesDoNotMatchTheIndexChecksum() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    // Another build of the same name and version: a valid, signed package, just not the indexed one.
    writeOtherHello(root.resolve("x86_64/hello-1.0-r0.apk"));

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> c.fetch(remote(), "x86_64", hello));

    assertTrue(e.getMessage().startsWith(server.url() + "/x86_64/hello-1.0-r0.apk: control checksum "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" does not match the index (" + hello.checksum() + ")"), e.getMessage());
    assertFalse(Files.exists(cacheDir.resolve("packages")) && Files.list(cacheDir.resolve("packages"))
        .anyMatch(p -> p.toString().endsWith(".apk")));
  }

  @Test
  void fetch_refusesAPackage_whoseDataDoesNotMatchItsDatahash() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    Path served = root.resolve("x86_64/hello-1.0-r0.apk");
    Path other = tmp.resolve("other.apk");
    writeOtherHello(other);
    // The indexed signature and control members, then the data member of another build.
    byte[] head = Files.readAllBytes(served);
    byte[] tail = Files.readAllBytes(other);
    long headEnd = ApkReader.read(served).dataOffset();
    long tailStart = ApkReader.read(other).dataOffset();
    java.io.ByteArrayOutputStream spliced = new java.io.ByteArrayOutputStream();
    spliced.write(head, 0, (int) headEnd);
    spliced.write(tail, (int) tailStart, tail.length - (int) tailStart);
    Files.write(served, spliced.toByteArray());

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> c.fetch(remote(), "x86_64", hello));

    assertTrue(e.getMessage().startsWith(server.url() + "/x86_64/hello-1.0-r0.apk: data hash "), e.getMessage());
    assertTrue(e.getMessage().contains("does not match the datahash in .PKGINFO"), e.getMessage());
  }

  @Test
  void fetch_fetchesAgain_whenTheCachedCopyIsDamaged() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    Path apk = c.fetch(remote(), "x86_64", hello);
    Files.write(apk, new byte[] {0x1f, (byte) 0x8b, 8, 0});

    Path again = c.fetch(remote(), "x86_64", hello);

    assertEquals(Files.size(root.resolve("x86_64/hello-1.0-r0.apk")), Files.size(again));
    assertEquals(2, server.count("/x86_64/hello-1.0-r0.apk", 200));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("warning: cached " + apk + " is damaged")), log.toString());
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
  void fetch_refusesAPackage_largerThanItsIndexSize() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    Files.write(root.resolve("x86_64/hello-1.0-r0.apk"), new byte[(int) hello.fileSize() + 1]);

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> c.fetch(remote(), "x86_64", hello));

    assertEquals("cannot fetch " + server.url() + "/x86_64/hello-1.0-r0.apk: larger than the limit of "
        + hello.fileSize() + " bytes", e.getMessage());
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
  void fetch_refusesAnIndexedNameThatWouldClimbOutOfTheRepository() throws Exception {
    RepositoryClient c = client(false);
    IndexEntry hello = c.index(remote(), "x86_64", keys()).entries().get(0);
    IndexEntry evil = new IndexEntry(hello.checksum(), "../../etc/passwd", "1-r0", "x86_64", 1, 1, "", "", "", null,
        null, null, null, null, List.of(), List.of(), List.of(), List.of());

    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> c.fetch(RepositoryLine.parse(root.toString()), "x86_64", evil));

    assertEquals("../../etc/passwd-1-r0 in " + root + ": unsafe file name 'x86_64/../../etc/passwd-1-r0.apk'",
        e.getMessage());
  }

  @Test
  void keyring_byUrl_refusesAFileThatIsNotAKey() throws Exception {
    Files.writeString(root.resolve("junk.rsa.pub"), "not a key\n");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> client(false).keyring(List.of(server.url() + "/junk.rsa.pub")));
    assertTrue(e.getMessage().startsWith(server.url() + "/junk.rsa.pub: "), e.getMessage());
  }

  @Test
  void httpAuth_isSentOnlyToTheHostItNames() throws Exception {
    try (RepoHttpServer other = new RepoHttpServer(root, "127.0.0.2")) {
      server.requireAuth("alice:s3:cret").redirectTo(other.url());
      HttpAuth auth = HttpAuth.fromEnvironment("basic:127.0.0.1:alice:s3:cret").orElseThrow();
      RepositoryClient c = new RepositoryClient(ClientSettings.of(cacheDir, tmp).auth(Optional.of(auth)), reporter);

      assertEquals(1, c.index(remote(), "x86_64", keys()).entries().size());
      assertEquals(1, c.index(RepositoryLine.parse(other.url()), "x86_64", keys()).entries().size());

      assertTrue(server.seen.stream().allMatch(s -> s.authorization() != null));
      assertTrue(other.seen.stream().allMatch(s -> s.authorization() == null), other.seen.toString());
      // A redirect to another host does not carry the credentials along.
      RepositoryLine redirected = RepositoryLine.parse(server.url() + "/redirect");
      new RepositoryClient(ClientSettings.of(tmp.resolve("cache2"), tmp).auth(Optional.of(auth)), reporter)
          .index(redirected, "x86_64", keys());
      assertEquals(2, other.count(INDEX_PATH, 200));
      assertTrue(other.seen.stream().allMatch(s -> s.authorization() == null), other.seen.toString());
    }
  }

  @Test
  void httpAuth_isRefused_whenMalformed_withoutRepeatingIt() {
    for (String bad : List.of("basic:host:user", "bearer:host:user:pw", "basic::user:pw")) {
      PkgbuildException e = assertThrows(PkgbuildException.class, () -> HttpAuth.fromEnvironment(bad));
      assertEquals("HTTP_AUTH must be in the form basic:HOST:USERNAME:PASSWORD", e.getMessage());
    }
    assertEquals(Optional.empty(), assertDoesNotThrowEmpty());
  }

  private static Optional<HttpAuth> assertDoesNotThrowEmpty() {
    try {
      return HttpAuth.fromEnvironment("");
    } catch (PkgbuildException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void urlCredentials_areSent_andNeverShown() throws Exception {
    server.requireAuth("bob:pa ss");
    RepositoryLine line = RepositoryLine.parse("http://bob:pa%20ss@127.0.0.1:" + server.port());

    RepositoryIndex index = client(false).index(line, "x86_64", keys());

    assertEquals(1, index.entries().size());
    assertEquals("http://***@127.0.0.1:" + server.port(), index.location());
    assertFalse(String.join("\n", log).contains("pa"), log.toString());
    assertFalse(line.toString().contains("pa%20ss"));
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

  /** Another build of hello-1.0-r0, no larger than the indexed one: valid and signed, just not the one indexed. */
  private void writeOtherHello(Path target) throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("other-tree/usr/share/hello"));
    Files.writeString(tree.resolve("VERSION"), "h\n");
    PkgInfo info = PkgInfo.builder("hello", "1.0-r0").arch("x86_64").pkgdesc("test package hello")
        .url("https://example.invalid/hello").addLicense("MIT").origin("hello").builddate(0L).build();
    ApkWriter.of(key, 0).writeTo(info, tmp.resolve("other-tree"), Map.of(), target);
  }

  private SigningKey otherKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    Path dir = Files.createDirectories(tmp.resolve("other-keys"));
    return SigningKey.load(Files.writeString(dir.resolve("test.rsa"),
        "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n"));
  }
}
