package dev.pkgbuild.repo;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A read-only HTTP/1.1 server for a repository folder, good enough for
 * {@code apk add --repository http://...}: GET and HEAD, validators and 304, one byte range,
 * no hidden files, nothing outside the root. Each request is logged through the reporter.
 *
 * <p>Safe to expose ({@code --bind 0.0.0.0}): every connection has its own thread, so a slow
 * client holds only its own; a request head must arrive within {@link Limits#headerTime}, an
 * answer that makes no progress for {@link Limits#stallTime} is cut, and one client address
 * may hold at most {@link Limits#maxPerClient} connections, all clients together
 * {@link Limits#maxConnections} (more are answered 503 and closed at once).
 */
public final class RepoServer implements AutoCloseable {
  /**
   * The bounds on clients.
   *
   * @param headerTime how long a request line and headers may take to arrive (also the keep-alive idle time)
   * @param stallTime how long an answer may go without writing anything
   * @param maxConnections open connections in all
   * @param maxPerClient open connections from one address
   */
  record Limits(Duration headerTime, Duration stallTime, int maxConnections, int maxPerClient) {
    static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 512, 64);
  }

  private final ServerSocket listener;
  private final PathGuard guard;
  private final Reporter log;
  private final Limits limits;
  private final ExecutorService workers = Executors.newCachedThreadPool(daemon("pkgbuild-serve"));
  /** Answers refused connections: one thread, a short queue; beyond it a connection is just closed. */
  private final ThreadPoolExecutor refuser = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(64), daemon("pkgbuild-serve-refuse"), (r, pool) -> ((Refusal) r).drop());
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("pkgbuild-serve-watchdog"));
  private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
  private final Map<InetAddress, Integer> perClient = new HashMap<>();
  private int admitted;

  private RepoServer(ServerSocket listener, PathGuard guard, Reporter log, Limits limits) {
    this.listener = listener;
    this.guard = guard;
    this.log = log;
    this.limits = limits;
  }

  /**
   * Starts serving {@code root} on {@code bind:port} (port 0 picks a free one).
   *
   * @throws PkgbuildException when the folder is missing or the address cannot be bound
   */
  public static RepoServer start(Path root, String bind, int port, Reporter log) throws PkgbuildException {
    return start(root, bind, port, log, Limits.DEFAULT);
  }

  static RepoServer start(Path root, String bind, int port, Reporter log, Limits limits) throws PkgbuildException {
    if (!Files.isDirectory(root)) {
      throw PkgbuildException.badInput(root + ": not a folder");
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(bind, port), 64);
      RepoServer s = new RepoServer(socket, new PathGuard(root), log, limits);
      long tick = Math.max(50, Math.min(limits.headerTime().toMillis(), limits.stallTime().toMillis()) / 10);
      s.watchdog.scheduleWithFixedDelay(s::closeOverdue, tick, tick, TimeUnit.MILLISECONDS);
      daemon("pkgbuild-serve-accept").newThread(s::acceptLoop).start();
      return s;
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot serve on " + bind + ":" + port + ": " + e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** The bound port. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The base URL, {@code http://host:port}. */
  public URI url() {
    String host = listener.getInetAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** Stops at once, closing open connections. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // the accept loop ends either way
    }
    watchdog.shutdownNow();
    refuser.shutdownNow();
    open.forEach(HttpConnection::kill);
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        continue; // closed (the loop ends) or a failed accept (the next one may work)
      }
      InetAddress client = s.getInetAddress();
      if (!admit(client)) {
        log.info(client.getHostAddress() + " refused: too many connections (at most " + limits.maxPerClient()
            + " per client, " + limits.maxConnections() + " in all) 503");
        refuser.execute(new Refusal(s));
        continue;
      }
      HttpConnection c = new HttpConnection(s, this::answer, limits, log::info);
      open.add(c);
      workers.execute(() -> {
        try {
          c.run();
        } finally {
          open.remove(c);
          release(client);
        }
      });
    }
  }

  private synchronized boolean admit(InetAddress client) {
    int mine = perClient.getOrDefault(client, 0);
    if (mine >= limits.maxPerClient() || admitted >= limits.maxConnections()) {
      return false;
    }
    perClient.put(client, mine + 1);
    admitted++;
    return true;
  }

  private synchronized void release(InetAddress client) {
    perClient.computeIfPresent(client, (k, n) -> n == 1 ? null : n - 1);
    admitted--;
  }

  /**
   * Over a limit: a short 503, then the client's bytes are drained briefly before closing, as
   * closing with unread input would reset the connection before the client reads the answer.
   */
  private record Refusal(Socket socket) implements Runnable {
    @Override
    public void run() {
      try (socket) {
        socket.setSoTimeout(200);
        socket.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput();
        socket.getInputStream().skipNBytes(RequestHead.MAX_BYTES);
      } catch (IOException ignored) {
        // the client is gone, slow or done: either way the connection is closed now
      }
    }

    void drop() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing more to do for it
      }
    }
  }

  private void closeOverdue() {
    long now = System.nanoTime();
    for (HttpConnection c : open) {
      if (c.overdue(now)) {
        c.expire();
      }
    }
  }

  private void answer(RequestHead req, HttpConnection.Answer a) throws IOException {
    int status = 500;
    long sent = 0;
    try {
      String method = req.method();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        status = a.header("Allow", "GET, HEAD").empty(405);
        return;
      }
      PathGuard.Target t = guard.resolve(req.path());
      if (t.file() == null) {
        status = a.empty(t.status());
      } else if (Files.isDirectory(t.file()) && !req.rawPath().endsWith("/")) {
        status = a.header("Location", req.rawPath() + "/").empty(301);
      } else if (Files.isDirectory(t.file())) {
        status = 200;
        sent = a.header("Content-Type", "text/html; charset=utf-8").bytes(200, listing(t.file()));
      } else {
        FileResponse r = FileResponse.decide(t.file(), req.header("If-None-Match"), req.header("If-Modified-Since"),
            req.header("Range"));
        status = r.status();
        sent = send(a, t.file(), r);
      }
    } finally {
      log.info(a.client() + " \"" + req.method() + " " + req.rawPath() + "\" " + status + " " + sent);
    }
  }

  private static long send(HttpConnection.Answer a, Path file, FileResponse r) throws IOException {
    a.header("ETag", r.etag()).header("Last-Modified", r.lastModified()).header("Accept-Ranges", "bytes");
    if (r.status() == 304) {
      a.empty(304);
      return 0;
    }
    if (r.status() == 416) {
      a.header("Content-Range", "bytes */" + r.size()).empty(416);
      return 0;
    }
    a.header("Content-Type", FileResponse.contentType(file.getFileName().toString()));
    if (r.status() == 206) {
      a.header("Content-Range", "bytes " + r.start() + "-" + (r.start() + r.length() - 1) + "/" + r.size());
    }
    return a.file(r.status(), file, r.start(), r.length());
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A plain listing; links are relative, so a folder URL without its final slash is redirected first. */
  private static byte[] listing(Path dir) throws IOException {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><body><pre>\n");
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
          .filter(n -> !n.startsWith(".")).sorted()
          .map(RepoServer::html)
          .forEach(n -> b.append("<a href=\"").append(n).append("\">").append(n).append("</a>\n"));
    }
    return b.append("</pre></body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
