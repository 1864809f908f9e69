package dev.pkgbuild.env;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A real HTTP server on 127.0.0.1 serving a folder with ETags, recording every request.
 * Optionally demands Basic credentials, or redirects {@code /redirect/X} to another server.
 */
final class RepoHttpServer implements AutoCloseable {
  /** One request as the server saw it. */
  record Seen(String path, int status, String ifNoneMatch, String ifModifiedSince, String authorization) {}

  final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;
  private final Path root;
  private final String address;
  private volatile String requiredAuth;
  private volatile String redirectTo;
  private volatile boolean lastModifiedOnly;

  RepoHttpServer(Path root) throws IOException {
    this(root, "127.0.0.1");
  }

  /** On another loopback address, to play another host. */
  RepoHttpServer(Path root, String address) throws IOException {
    this.root = root;
    this.address = address;
    server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Demands {@code user:password} as Basic credentials. */
  RepoHttpServer requireAuth(String userPassword) {
    requiredAuth = "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Sends {@code Last-Modified} and answers {@code If-Modified-Since}, and no ETag. */
  RepoHttpServer lastModifiedOnly() {
    lastModifiedOnly = true;
    return this;
  }

  /** Sends {@code /redirect/X} to {@code base + /X}. */
  RepoHttpServer redirectTo(String base) {
    redirectTo = base;
    return this;
  }

  String url() {
    return "http://" + address + ":" + port();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** How many requests for {@code path} got {@code status}. */
  long count(String path, int status) {
    synchronized (seen) {
      return seen.stream().filter(s -> s.path().equals(path) && s.status() == status).count();
    }
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String auth = x.getRequestHeaders().getFirst("Authorization");
    String inm = x.getRequestHeaders().getFirst("If-None-Match");
    String ims = x.getRequestHeaders().getFirst("If-Modified-Since");
    int status;
    byte[] body = new byte[0];
    Path file = root.resolve(path.substring(1)).normalize();
    if (requiredAuth != null && !requiredAuth.equals(auth)) {
      status = 401;
    } else if (path.startsWith("/stall/")) {
      stall(x);
      return;
    } else if (redirectTo != null && path.startsWith("/redirect/")) {
      status = 302;
      x.getResponseHeaders().set("Location", redirectTo + path.substring("/redirect".length()));
    } else if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      status = 404;
    } else {
      body = Files.readAllBytes(file);
      if (lastModifiedOnly) {
        String modified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
        x.getResponseHeaders().set("Last-Modified", modified);
        status = modified.equals(ims) ? 304 : 200;
      } else {
        String etag = "\"" + etag(body) + "\"";
        x.getResponseHeaders().set("ETag", etag);
        status = etag.equals(inm) ? 304 : 200;
      }
    }
    seen.add(new Seen(path, status, inm, ims, auth));
    if (status == 200) {
      x.sendResponseHeaders(200, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    } else {
      x.sendResponseHeaders(status, -1);
    }
    x.close();
  }

  /** Promises 1000 bytes, sends 10, then goes quiet. */
  private void stall(HttpExchange x) throws IOException {
    seen.add(new Seen(x.getRequestURI().getPath(), 200, null, null, null));
    x.sendResponseHeaders(200, 1000);
    OutputStream out = x.getResponseBody();
    out.write(new byte[10]);
    out.flush();
    try {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    x.close();
  }

  private static String etag(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
