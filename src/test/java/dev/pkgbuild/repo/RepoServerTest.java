package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.RecordingReporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RepoServerTest {
  @TempDir Path tmp;
  SigningKey key;
  Path root;
  RepoServer server;
  final RecordingReporter recording = new RecordingReporter();
  final List<String> log = recording.infos();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    key = RepoFixture.key(tmp.resolve("keys"));
    root = tmp.resolve("repo");
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent());
    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "hello", "1.0-r0")));
    server = RepoServer.start(root, "127.0.0.1", 0, recording);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends a request line as written, so the client cannot normalize {@code ..} away. */
  String raw(String requestTarget) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return all.substring(0, all.indexOf("\r\n"));
    }
  }

  @Test
  void get_indexAndPackage_downloadAndVerify() throws Exception {
    HttpResponse<byte[]> index = get("/x86_64/APKINDEX.tar.gz");
    assertEquals(200, index.statusCode());
    assertEquals("application/gzip", index.headers().firstValue("Content-Type").orElse(""));
    var read = IndexArchive.read(index.body(), TrustedKeys.of(key), "served index");
    assertEquals(List.of(), read.problems());
    String file = read.index().entries().get(0).fileName();
    HttpResponse<byte[]> apk = get("/x86_64/" + file);
    assertEquals(200, apk.statusCode());
    Path got = Files.write(tmp.resolve(file), apk.body());
    assertTrue(ApkVerifier.verify(got, TrustedKeys.of(key)).ok());
    HttpResponse<byte[]> pub = get("/test.rsa.pub");
    assertTrue(pub.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertEquals(key.publicKeyPem(), new String(pub.body(), StandardCharsets.US_ASCII));
    assertTrue(log.stream().anyMatch(l -> l.contains("\"GET /x86_64/APKINDEX.tar.gz\" 200")), log.toString());
  }

  @Test
  void head_package_headersWithoutBody() throws Exception {
    HttpResponse<byte[]> head = send("HEAD", "/x86_64/hello-1.0-r0.apk");
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(Files.size(root.resolve("x86_64/hello-1.0-r0.apk")),
        Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow()));
    assertTrue(head.headers().firstValue("ETag").isPresent());
    assertTrue(head.headers().firstValue("Last-Modified").isPresent());
  }

  @Test
  void get_withValidators_answers304() throws Exception {
    HttpResponse<byte[]> first = get("/x86_64/APKINDEX.tar.gz");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, get("/x86_64/APKINDEX.tar.gz", "If-None-Match", etag).statusCode());
    String lm = first.headers().firstValue("Last-Modified").orElseThrow();
    assertEquals(304, get("/x86_64/APKINDEX.tar.gz", "If-Modified-Since", lm).statusCode());
    assertEquals(200, get("/x86_64/APKINDEX.tar.gz", "If-None-Match", "\"other\"").statusCode());
  }

  @Test
  void get_range_answers206Or416() throws Exception {
    byte[] whole = Files.readAllBytes(root.resolve("x86_64/hello-1.0-r0.apk"));
    HttpResponse<byte[]> part = get("/x86_64/hello-1.0-r0.apk", "Range", "bytes=10-19");
    assertEquals(206, part.statusCode());
    assertArrayEquals(Arrays.copyOfRange(whole, 10, 20), part.body());
    assertEquals("bytes 10-19/" + whole.length, part.headers().firstValue("Content-Range").orElse(""));
    HttpResponse<byte[]> tail = get("/x86_64/hello-1.0-r0.apk", "Range", "bytes=-5");
    assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 5, whole.length), tail.body());
    HttpResponse<byte[]> beyond = get("/x86_64/hello-1.0-r0.apk", "Range", "bytes=" + whole.length + "-");
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */" + whole.length, beyond.headers().firstValue("Content-Range").orElse(""));
  }

  @Test
  void post_anything_answers405() throws Exception {
    HttpResponse<byte[]> r = send("POST", "/x86_64/APKINDEX.tar.gz");
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void get_pathEscapes_areRefused() throws Exception {
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    assertTrue(raw("/../secret.txt").matches("HTTP/1.1 40[034].*"), raw("/../secret.txt"));
    assertTrue(raw("/x86_64/../../secret.txt").matches("HTTP/1.1 40[034].*"));
    assertTrue(raw("/%2e%2e/secret.txt").matches("HTTP/1.1 40[034].*"));
    assertTrue(raw("/x86_64/%2E%2E/%2e%2e/secret.txt").matches("HTTP/1.1 40[034].*"));
    assertTrue(raw("/..%2fsecret.txt").matches("HTTP/1.1 40[034].*"));
    Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
    assertEquals(403, get("/etc/hostname").statusCode());
    assertEquals(403, get("/etc/").statusCode());
  }

  @Test
  void get_hiddenFiles_areNeverServedOrListed() throws Exception {
    assertTrue(Files.exists(root.resolve("x86_64/.lock")));
    assertEquals(404, get("/x86_64/.lock").statusCode());
    assertEquals(404, get("/x86_64/%2elock").statusCode());
    HttpResponse<byte[]> listing = get("/x86_64/");
    assertEquals(200, listing.statusCode());
    String body = new String(listing.body(), StandardCharsets.UTF_8);
    assertTrue(body.contains("hello-1.0-r0.apk"), body);
    assertFalse(body.contains(".lock"), body);
    assertEquals(301, get("/x86_64").statusCode());
    assertEquals(404, get("/nothing-here.apk").statusCode());
  }
}
