package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.RecordingReporter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Slow or greedy clients cannot stop the server from answering the others. */
@Timeout(120)
class RepoServerLimitsTest {
  @TempDir Path tmp;
  Path root;
  final List<Socket> slow = new ArrayList<>();
  final RecordingReporter recording = new RecordingReporter();
  final List<String> log = recording.infos();

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("repo/x86_64"));
    Files.writeString(root.resolve("APKINDEX.tar.gz"), "index");
  }

  @AfterEach
  void tearDown() throws IOException {
    for (Socket s : slow) {
      s.close();
    }
  }

  /** A client that sends part of a request head and then nothing (slow-loris). */
  Socket stuck(RepoServer server, String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress("127.0.0.1", server.port()));
    s.getOutputStream().write("GET /x86_64/APKINDEX.tar.gz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    slow.add(s);
    return s;
  }

  static String statusLine(String from, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress("127.0.0.1", port));
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET /x86_64/APKINDEX.tar.gz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return all.isEmpty() ? "" : all.substring(0, all.indexOf("\r\n"));
    }
  }

  @Test
  void serve_twelveClientsStuckInTheirHeaders_aNormalGetIsStillAnswered() throws Exception {
    try (RepoServer server = RepoServer.start(tmp.resolve("repo"), "127.0.0.1", 0, recording)) {
      for (int i = 0; i < 12; i++) {
        stuck(server, "127.0.0.1");
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest get = HttpRequest.newBuilder(URI.create(server.url() + "/x86_64/APKINDEX.tar.gz"))
          .timeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("index", r.body());
    }
  }

  @Test
  void serve_headerTimeout_closesConnectionsThatNeverFinishTheirHead() throws Exception {
    RepoServer.Limits quick = new RepoServer.Limits(Duration.ofSeconds(1), Duration.ofSeconds(30), 256, 16);
    try (RepoServer server = RepoServer.start(tmp.resolve("repo"), "127.0.0.1", 0, recording, quick)) {
      Socket s = stuck(server, "127.0.0.1");
      s.setSoTimeout(10_000);
      long start = System.nanoTime();
      InputStream in = s.getInputStream();
      assertEquals(-1, in.read(), "closed by the server without an answer");
      assertTrue(System.nanoTime() - start < 8_000_000_000L, "closed within a few seconds of the 1 s limit");
      assertTrue(log.contains("127.0.0.1 closed: no complete request within 1 s"), log.toString());
      assertEquals("HTTP/1.1 200 OK", statusLine("127.0.0.1", server.port()));
    }
  }

  @Test
  void serve_tooManyConnectionsFromOneClient_areRefusedWhileOthersAreServed() throws Exception {
    RepoServer.Limits four = new RepoServer.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), 256, 4);
    try (RepoServer server = RepoServer.start(tmp.resolve("repo"), "127.0.0.1", 0, recording, four)) {
      for (int i = 0; i < 4; i++) {
        stuck(server, "127.0.0.1");
      }
      // the server counts a connection once it has accepted it; give it the moment that takes
      Thread.sleep(300);
      assertEquals("HTTP/1.1 503 Service Unavailable", statusLine("127.0.0.1", server.port()));
      assertEquals("HTTP/1.1 200 OK", statusLine("127.0.0.2", server.port()));
      slow.remove(0).close();
      Thread.sleep(300);
      assertEquals("HTTP/1.1 200 OK", statusLine("127.0.0.1", server.port()));
    }
  }
}
