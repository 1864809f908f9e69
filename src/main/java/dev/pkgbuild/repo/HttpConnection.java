package dev.pkgbuild.repo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client connection of {@link RepoServer}: requests one after another (keep-alive), each
 * head read before a deadline, each answer written while it makes progress. The server's
 * watchdog closes the socket when {@link #overdue} says so, which ends a blocked read or write.
 */
final class HttpConnection implements Runnable {
  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    void answer(RequestHead head, Answer answer) throws IOException;
  }

  private static final int MAX_REQUESTS = 100;
  private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
      Map.entry(206, "Partial Content"), Map.entry(301, "Moved Permanently"), Map.entry(304, "Not Modified"),
      Map.entry(400, "Bad Request"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(416, "Range Not Satisfiable"),
      Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
      Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

  private final Socket socket;
  private final Handler handler;
  private final RepoServer.Limits limits;
  private final Consumer<String> log;
  private volatile long deadline;
  private volatile boolean waitingForHead;

  HttpConnection(Socket socket, Handler handler, RepoServer.Limits limits, Consumer<String> log) {
    this.socket = socket;
    this.handler = handler;
    this.limits = limits;
    this.log = log;
    this.deadline = System.nanoTime() + limits.headerTime().toNanos();
  }

  String client() {
    return socket.getInetAddress().getHostAddress();
  }

  /** Whether the current head has not arrived in time or the current answer has stalled. */
  boolean overdue(long now) {
    return now - deadline > 0;
  }

  /** Closes an overdue connection from the watchdog, saying why; the blocked read or write then fails. */
  void expire() {
    log.accept(client() + (waitingForHead ? " closed: no complete request within " + limits.headerTime().toSeconds()
        + " s" : " closed: the answer made no progress for " + limits.stallTime().toSeconds() + " s"));
    kill();
  }

  /** Closes the socket; a blocked read or write then fails. */
  void kill() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that was wanted
    }
  }

  @Override
  public void run() {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      for (int served = 0; served < MAX_REQUESTS; served++) {
        arm(limits.headerTime().toNanos(), true);
        RequestHead head;
        try {
          head = RequestHead.read(in);
        } catch (RequestHead.Refused r) {
          arm(limits.stallTime().toNanos(), false);
          new Answer(out, true, false).empty(r.status);
          out.flush();
          log.accept(client() + " refused: " + r.getMessage() + " " + r.status);
          return;
        }
        if (head == null) {
          return;
        }
        arm(limits.stallTime().toNanos(), false);
        boolean close = !head.keepAlive() || head.hasBody() || served == MAX_REQUESTS - 1;
        handler.answer(head, new Answer(out, close, head.method().equals("HEAD")));
        out.flush();
        if (close) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away, or the watchdog closed the connection and said why
    }
  }

  private void arm(long nanos, boolean head) {
    waitingForHead = head;
    deadline = System.nanoTime() + nanos;
  }

  /** Writes one answer: status line, headers, and a body unless the request was HEAD. */
  final class Answer {
    private final OutputStream out;
    private final boolean close;
    private final boolean head;
    private final Map<String, String> headers = new LinkedHashMap<>();

    Answer(OutputStream out, boolean close, boolean head) {
      this.out = out;
      this.close = close;
      this.head = head;
    }

    String client() {
      return HttpConnection.this.client();
    }

    Answer header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** An answer without a body; returns the status. */
    int empty(int status) throws IOException {
      start(status, status == 304 ? -1 : 0);
      return status;
    }

    /** An answer with {@code body}; returns the bytes sent. */
    long bytes(int status, byte[] body) throws IOException {
      start(status, body.length);
      if (head) {
        return 0;
      }
      out.write(body);
      return body.length;
    }

    /** An answer with {@code length} bytes of {@code file} from {@code start}; returns the bytes sent. */
    long file(int status, Path file, long start, long length) throws IOException {
      start(status, length);
      if (head || length == 0) {
        return 0;
      }
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(start);
        byte[] buf = new byte[1 << 16];
        long left = length;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          left -= n;
          arm(limits.stallTime().toNanos(), false); // progress: a slow reader may go on, a stalled one not
        }
        return length - left;
      }
    }

    private void start(int status, long length) throws IOException {
      StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
          .append(REASONS.getOrDefault(status, "Unknown")).append("\r\n");
      headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
      if (length >= 0) {
        b.append("Content-Length: ").append(length).append("\r\n");
      }
      if (close) {
        b.append("Connection: close\r\n");
      }
      out.write(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
