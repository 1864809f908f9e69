package dev.pkgbuild.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
  static final byte[] BODY = "source archive bytes\n".getBytes(StandardCharsets.UTF_8);
  @TempDir Path tmp;
  HttpServer server;
  final AtomicInteger hits = new AtomicInteger();
  final AtomicInteger flaky = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/a.tar.gz", x -> send(x, 200, BODY));
    server.createContext("/missing", x -> send(x, 404, new byte[0]));
    server.createContext("/wrong", x -> send(x, 200, "other".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/redirect", x -> {
      x.getResponseHeaders().add("Location", "/a.tar.gz");
      send(x, 302, new byte[0]);
    });
    server.createContext("/flaky", x -> send(x, flaky.getAndIncrement() == 0 ? 503 : 200, BODY));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void send(HttpExchange x, int status, byte[] body) throws IOException {
    hits.incrementAndGet();
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  static Checksum sha256(byte[] data) throws Exception {
    var md = java.security.MessageDigest.getInstance("SHA-256");
    return new Checksum("sha256", HexFormat.of().formatHex(md.digest(data)));
  }

  private Fetcher fetcher(boolean offline) {
    return new Fetcher(new SourceCache(tmp.resolve("cache")), offline, FetchProgress.none());
  }

  @Test
  void fetch_httpMiss_downloadsAndStoresUnderCacheName() throws Exception {
    Checksum sum = sha256(BODY);
    Path got = fetcher(false).fetch(url("/a.tar.gz"), sum);
    assertEquals(tmp.resolve("cache").resolve(sum.cacheName()), got);
    assertArrayEquals(BODY, Files.readAllBytes(got));
    assertEquals(List.of(sum.cacheName()), list(tmp.resolve("cache")));
  }

  @Test
  void fetch_cacheHit_worksOfflineWithoutHttpClient() throws Exception {
    Checksum sum = sha256(BODY);
    fetcher(false).fetch(url("/a.tar.gz"), sum);
    server.stop(0);
    Fetcher offline = fetcher(true);
    assertArrayEquals(BODY, Files.readAllBytes(offline.fetch(url("/a.tar.gz"), sum)));
    assertFalse(offline.httpClientCreated());
  }

  @Test
  void fetch_offlineMiss_failsNamingUriAndCacheEntry() throws Exception {
    Checksum sum = sha256(BODY);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> fetcher(true).fetch(url("/a.tar.gz"), sum));
    assertEquals("offline and " + url("/a.tar.gz") + " is not in the cache (want "
        + tmp.resolve("cache").resolve(sum.cacheName()) + ")", e.getMessage());
    assertEquals(0, hits.get());
  }

  @Test
  void fetch_corruptedCacheEntry_isRemovedAndFetchedAgain() throws Exception {
    Checksum sum = sha256(BODY);
    Path entry = Files.createDirectories(tmp.resolve("cache")).resolve(sum.cacheName());
    Files.writeString(entry, "corrupt");
    fetcher(false).fetch(url("/a.tar.gz"), sum);
    assertArrayEquals(BODY, Files.readAllBytes(entry));
    assertEquals(1, hits.get());
  }

  @Test
  void fetch_wrongChecksum_failsAndStoresNothing() throws Exception {
    Checksum sum = sha256(BODY);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> fetcher(false).fetch(url("/wrong"), sum));
    assertEquals("checksum mismatch for " + url("/wrong") + ": expected " + sum + ", got "
        + sha256("other".getBytes(StandardCharsets.UTF_8)), e.getMessage());
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertEquals(List.of(), list(tmp.resolve("cache")));
  }

  @Test
  void fetch_notFound_failsWithStatus() throws Exception {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> fetcher(false).fetch(url("/missing"), sha256(BODY)));
    assertEquals("cannot download " + url("/missing") + ": HTTP 404", e.getMessage());
    assertEquals(1, hits.get());
  }

  @Test
  void fetch_redirect_isFollowed() throws Exception {
    assertArrayEquals(BODY, Files.readAllBytes(fetcher(false).fetch(url("/redirect"), sha256(BODY))));
  }

  @Test
  void fetch_transientServerError_isRetriedOnce() throws Exception {
    assertArrayEquals(BODY, Files.readAllBytes(fetcher(false).fetch(url("/flaky"), sha256(BODY))));
    assertEquals(2, flaky.get());
  }

  @Test
  void fetch_unreachableServer_failsAsEnvironment() throws Exception {
    URI dead = url("/a.tar.gz");
    server.stop(0);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> fetcher(false).fetch(dead, sha256(BODY)));
    assertEquals(ExitStatus.ENVIRONMENT, e.status());
    assertTrue(e.getMessage().startsWith("cannot download " + dead + ": "), e.getMessage());
  }

  @Test
  void fetch_fileUriAndPlainPath_areRead() throws Exception {
    Path src = Files.write(tmp.resolve("src.tar.gz"), BODY);
    assertArrayEquals(BODY, Files.readAllBytes(fetcher(true).fetch(src.toUri(), sha256(BODY))));
    Files.delete(tmp.resolve("cache").resolve(sha256(BODY).cacheName()));
    URI plain = Fetcher.toUri(src.toString());
    assertArrayEquals(BODY, Files.readAllBytes(fetcher(true).fetch(plain, sha256(BODY))));
  }

  @Test
  void fetch_missingLocalFile_failsNamingIt() throws Exception {
    Path nope = tmp.resolve("nope.tar");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> fetcher(false).fetch(nope.toUri(), sha256(BODY)));
    assertEquals("source not found: " + nope, e.getMessage());
  }

  @Test
  void fetch_largeDownload_reportsProgress() throws Exception {
    byte[] big = new byte[3 << 20];
    server.createContext("/big", x -> send(x, 200, big));
    List<Long> seen = new java.util.ArrayList<>();
    Fetcher f = new Fetcher(new SourceCache(tmp.resolve("cache")), false, (u, got, total) -> {
      seen.add(got);
      assertEquals(big.length, total);
    });
    f.fetch(url("/big"), sha256(big));
    assertEquals(3, seen.size());
  }

  @Test
  void checksum_parse_validatesLengthAndHex() throws Exception {
    assertEquals("sha512:" + "a".repeat(128), Checksum.parse("sha512", "A".repeat(128)).cacheName());
    assertThrows(PkgbuildException.class, () -> Checksum.parse("sha256", "abc"));
    assertThrows(PkgbuildException.class, () -> Checksum.parse("sha256", "g".repeat(64)));
    assertThrows(PkgbuildException.class, () -> Checksum.parse("md5", "a".repeat(32)));
    assertEquals(sha256(BODY), Checksum.parseCacheName(sha256(BODY).cacheName()));
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
