package dev.pkgbuild.repo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A read-only HTTP server for a repository folder, good enough for
 * {@code apk add --repository http://...}: GET and HEAD, validators and 304, one byte range,
 * no hidden files, nothing outside the root. Each request is logged through the reporter.
 */
public final class RepoServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool;
  private final PathGuard guard;
  private final Reporter log;

  private RepoServer(HttpServer server, ExecutorService pool, PathGuard guard, Reporter log) {
    this.server = server;
    this.pool = pool;
    this.guard = guard;
    this.log = log;
  }

  /**
   * Starts serving {@code root} on {@code bind:port} (port 0 picks a free one).
   *
   * @throws PkgbuildException when the folder is missing or the address cannot be bound
   */
  public static RepoServer start(Path root, String bind, int port, Reporter log) throws PkgbuildException {
    if (!Files.isDirectory(root)) {
      throw PkgbuildException.badInput(root + ": not a folder");
    }
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 64);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      RepoServer s = new RepoServer(http, pool, new PathGuard(root), log);
      http.createContext("/", s::handle);
      http.setExecutor(pool);
      http.start();
      return s;
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot serve on " + bind + ":" + port + ": " + e.getMessage());
    }
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, {@code http://host:port}. */
  public URI url() {
    String host = server.getAddress().getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** Stops at once, closing open connections. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    int status = 500;
    long sent = 0;
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        status = empty(ex, 405);
        return;
      }
      PathGuard.Target t = guard.resolve(ex.getRequestURI().getPath());
      if (t.file() == null) {
        status = empty(ex, t.status());
      } else if (Files.isDirectory(t.file()) && !ex.getRequestURI().getRawPath().endsWith("/")) {
        ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawPath() + "/");
        status = empty(ex, 301);
      } else if (Files.isDirectory(t.file())) {
        status = 200;
        sent = listing(ex, t.file(), method.equals("HEAD"));
      } else {
        FileResponse r = FileResponse.decide(t.file(), header(ex, "If-None-Match"),
            header(ex, "If-Modified-Since"), header(ex, "Range"));
        status = r.status();
        sent = send(ex, t.file(), r, method.equals("HEAD"));
      }
    } finally {
      log.info(ex.getRemoteAddress().getAddress().getHostAddress() + " \"" + ex.getRequestMethod() + " "
          + ex.getRequestURI().getRawPath() + "\" " + status + " " + sent);
    }
  }

  private static String header(HttpExchange ex, String name) {
    return ex.getRequestHeaders().getFirst(name);
  }

  private static int empty(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
    return status;
  }

  private static long send(HttpExchange ex, Path file, FileResponse r, boolean head) throws IOException {
    var h = ex.getResponseHeaders();
    h.set("ETag", r.etag());
    h.set("Last-Modified", r.lastModified());
    h.set("Accept-Ranges", "bytes");
    if (r.status() == 304) {
      empty(ex, 304);
      return 0;
    }
    if (r.status() == 416) {
      h.set("Content-Range", "bytes */" + r.size());
      empty(ex, 416);
      return 0;
    }
    h.set("Content-Type", FileResponse.contentType(file.getFileName().toString()));
    if (r.status() == 206) {
      h.set("Content-Range", "bytes " + r.start() + "-" + (r.start() + r.length() - 1) + "/" + r.size());
    }
    if (head || r.length() == 0) {
      h.set("Content-Length", Long.toString(r.length()));
      ex.sendResponseHeaders(r.status(), -1);
      return 0;
    }
    ex.sendResponseHeaders(r.status(), r.length());
    try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
      in.skipNBytes(r.start());
      return copy(in, out, r.length());
    }
  }

  private static long copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = length;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      left -= n;
    }
    return length - left;
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A plain listing; links are relative, so a folder URL without its final slash is redirected first. */
  private long listing(HttpExchange ex, Path dir, boolean head) throws IOException {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><body><pre>\n");
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
          .filter(n -> !n.startsWith(".")).sorted()
          .map(RepoServer::html)
          .forEach(n -> b.append("<a href=\"").append(n).append("\">").append(n).append("</a>\n"));
    }
    byte[] body = b.append("</pre></body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    if (head) {
      ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(200, -1);
      return 0;
    }
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    return body.length;
  }
}
