package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.ClientSettings;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.RepositoryClient;
import dev.pkgbuild.env.RepositoryIndex;
import dev.pkgbuild.env.RepositoryLine;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.env.RootCache;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publishing into a real S3 API (S3Proxy on 127.0.0.1) and reading it back over plain HTTP. */
@Timeout(300)
class ObjectPublishTest {
  @TempDir Path tmp;
  final Map<Process, Path> logs = new HashMap<>();
  S3ProxyServer server;
  Path keyFile;
  SigningKey key;

  @BeforeEach
  void setUp() throws Exception {
    server = new S3ProxyServer(tmp.resolve("s3"));
    keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    key = SigningKey.load(keyFile);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  /** What the tests below rely on: S3Proxy honours If-Match and If-None-Match on PUT. */
  @Test
  void s3proxy_honoursConditionalPuts() throws Exception {
    try (S3Store store = server.store("cond")) {
      byte[] one = "one".getBytes(StandardCharsets.UTF_8);
      assertEquals(ObjectStore.Outcome.WRITTEN, store.replace("k", one, null, false), "If-None-Match: * on a new key");
      assertEquals(ObjectStore.Outcome.CONFLICT, store.replace("k", one, null, false), "If-None-Match: * on an existing key");
      String etag = store.get("k").orElseThrow().etag();
      assertEquals(ObjectStore.Outcome.CONFLICT, store.replace("k", "two".getBytes(StandardCharsets.UTF_8), "\"0123456789abcdef0123456789abcdef\"",
          false), "If-Match with a stale ETag");
      assertArrayEquals(one, store.get("k").orElseThrow().bytes());
      assertEquals(ObjectStore.Outcome.WRITTEN, store.replace("k", "two".getBytes(StandardCharsets.UTF_8), etag, false), "If-Match, current ETag");
      assertEquals(ObjectStore.Outcome.CONFLICT, store.replace("k", "three".getBytes(StandardCharsets.UTF_8), etag, false), "the ETag moved on");
      assertEquals(ObjectStore.Outcome.CONFLICT, store.replace("k", new byte[300_000], etag, false), "a refused body larger than socket buffers");
    }
  }

  /** What the concurrent publishers below rely on: of racing If-Match writes with one ETag, one wins. */
  @Test
  void s3proxy_ofConcurrentConditionalPutsWithOneEtag_exactlyOneWins() throws Exception {
    try (S3Store store = server.store("race")) {
      assertEquals(ObjectStore.Outcome.WRITTEN, store.replace("k", new byte[] {0}, null, false));
      for (int round = 0; round < 5; round++) {
        String etag = store.get("k").orElseThrow().etag();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<ObjectStore.Outcome>> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          byte[] body = ("writer " + round + "-" + i).getBytes(StandardCharsets.UTF_8);
          outcomes.add(pool.submit(() -> store.replace("k", body, etag, false)));
        }
        int written = 0;
        for (java.util.concurrent.Future<ObjectStore.Outcome> f : outcomes) {
          written += f.get() == ObjectStore.Outcome.WRITTEN ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, written, "round " + round);
      }
    }
  }

  @Test
  void publish_indexVerifiesListsPackages_andTheClientResolvesFetchesInstallsOverHttp() throws Exception {
    Path local = localRepo("hello", "world");
    List<ObjectPublisher.ArchResult> results;
    try (S3Store store = server.store("wolfi/os")) {
      results = publisher(store).publish(local);
      assertEquals(List.of(new ObjectPublisher.ArchResult("x86_64", 2, 2, 2, 0)), results);
      assertEquals(List.of(new ObjectPublisher.ArchResult("x86_64", 0, 0, 2, 0)), publisher(store).publish(local),
          "a second publish uploads and writes nothing");
      IndexArchive.Read r = IndexArchive.read(store.get("x86_64/APKINDEX.tar.gz").orElseThrow().bytes(),
          TrustedKeys.of(key), "index");
      assertEquals(List.of(), r.problems());
      assertEquals(List.of("hello", "world"), r.index().entries().stream().map(IndexEntry::name).toList());
      assertEquals(key.publicKeyPem(), new String(store.get(key.keyName()).orElseThrow().bytes(),
          StandardCharsets.US_ASCII));
    }
    // Consumers read the bucket anonymously over HTTP, as any apk repository.
    RepositoryClient client = new RepositoryClient(ClientSettings.of(tmp.resolve("cache"), tmp), Reporter.silent());
    RepositoryLine line = RepositoryLine.parse(server.httpUrl("wolfi/os"));
    TrustedKeys keys = client.keyring(List.of(server.httpUrl("wolfi/os") + "/" + key.keyName()));
    RepositoryIndex index = client.index(line, "x86_64", keys);
    assertEquals(List.of("hello", "world"), index.entries().stream().map(IndexEntry::name).toList());
    Path fetched = client.fetch(line, "x86_64", index.entries().get(0));
    assertTrue(ApkVerifier.verify(fetched, keys).ok());
    // What apk add does with it: resolve against the bucket's index, fetch, install into a root.
    Environments envs = new Environments(client);
    ResolvedEnvironment env = envs.resolve(new EnvironmentRequest(List.of(server.httpUrl("wolfi/os")),
        List.of(server.httpUrl("wolfi/os") + "/" + key.keyName()), List.of("world"), "x86_64", false));
    assertEquals(List.of("world-1.0-r0"), env.packageList());
    Path installed = new RootCache(tmp.resolve("roots")).root(env, envs).path();
    assertEquals("world 1.0-r0\n", Files.readString(installed.resolve("usr/share/world/VERSION")));
    assertTrue(Files.readString(installed.resolve("lib/apk/db/installed")).contains("P:world\n"));
  }

  @Test
  void publish_samePackageWithOtherContents_isRefused() throws Exception {
    try (S3Store store = server.store("p")) {
      publisher(store).publish(localRepo("hello"));
      Path other = tmp.resolve("other");
      Repository.open(other, "x86_64", key, Reporter.silent())
          .publish(List.of(RepoFixture.build(tmp.resolve("w2"), other.resolve("x86_64"), key, "hello", "1.0-r0",
              "x86_64", "different")));
      PkgbuildException e = assertThrows(PkgbuildException.class, () -> publisher(store).publish(other));
      assertTrue(e.getMessage().contains("already published with other contents"), e.getMessage());
    }
  }

  /** Four processes racing to read, merge and write the index conditionally. */
  @Test
  void publish_fourProcessesTenPackagesEach_indexListsAllForty() throws Exception {
    List<Process> procs = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      procs.add(publisher("many", name, 10, ""));
    }
    int conflicts = 0;
    for (Process p : procs) {
      assertTrue(p.waitFor(4, TimeUnit.MINUTES), "publisher hung");
      String out = Files.readString(log(p));
      assertEquals(0, p.exitValue(), out);
      conflicts += Integer.parseInt(out.replaceAll("(?s).*conflicts (\\d+).*", "$1"));
    }
    try (S3Store store = server.store("many")) {
      List<String> expected = IntStream.range(0, 10).boxed()
          .flatMap(i -> List.of("a" + i, "b" + i, "c" + i, "d" + i).stream()).sorted().toList();
      assertEquals(expected, remoteNames(store));
    }
    System.out.println("4 publishers x 10 packages: " + conflicts + " conflicts merged again");
  }

  @Test
  void publish_killedAfterUploadBeforeIndex_leavesTheOldIndexVerifying() throws Exception {
    try (S3Store store = server.store("crash")) {
      publisher(store).publish(localRepo("hello"));
      Process p = publisher("crash", "k", 3, "stall");
      Path out = log(p);
      for (int i = 0; i < 600 && !Files.readString(out).contains("before-index"); i++) {
        assertTrue(p.isAlive(), () -> read(out));
        Thread.sleep(100);
      }
      assertTrue(Files.readString(out).contains("before-index"), () -> read(out));
      p.destroyForcibly().waitFor();
      assertTrue(store.get("x86_64/k0-1.0-r0.apk").isPresent(), "the package was uploaded before the kill");
      assertEquals(List.of("hello"), remoteNames(store), "the old index, verifying, without the package");
      publisher(store).publish(localRepo("hello", "after"));
      assertEquals(List.of("after", "hello"), remoteNames(store));
    }
  }

  private List<String> remoteNames(S3Store store) throws PkgbuildException {
    IndexArchive.Read r = IndexArchive.read(store.get("x86_64/APKINDEX.tar.gz").orElseThrow().bytes(),
        TrustedKeys.of(key), "index");
    assertEquals(List.of(), r.problems());
    return r.index().entries().stream().map(IndexEntry::name).sorted().toList();
  }

  private ObjectPublisher publisher(ObjectStore store) {
    return new ObjectPublisher(store, key, Reporter.silent(), ObjectPublisher.Options.defaults(0));
  }

  private Path localRepo(String... names) throws Exception {
    return RepoFixture.repository(tmp, key, names);
  }

  private Process publisher(String prefix, String name, int count, String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(List.of(S3ProxyServer.javaProperties()));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ObjectPublishMain.class.getName(),
        server.endpoint(), prefix, keyFile.toString(), tmp.toString(), name, Integer.toString(count), "1", mode));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("out-" + prefix + "-" + name + ".log").toFile());
    Process p = pb.start();
    logs.put(p, tmp.resolve("out-" + prefix + "-" + name + ".log"));
    return p;
  }

  private Path log(Process p) {
    return logs.get(p);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
