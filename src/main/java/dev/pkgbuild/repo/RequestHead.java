package dev.pkgbuild.repo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The request line and headers of one HTTP/1.x request, read with a size bound.
 *
 * @param method the method token
 * @param rawPath the request target's path as sent (no query)
 * @param path the same, percent-decoded
 * @param keepAlive whether the client wants the connection kept open afterwards
 * @param hasBody whether a body follows (a GET or HEAD has none; the connection is closed after one)
 * @param headers the first value of each header, by lower-case name
 */
record RequestHead(String method, String rawPath, String path, boolean keepAlive, boolean hasBody,
    Map<String, String> headers) {
  /** Copies the headers. */
  RequestHead {
    headers = Map.copyOf(headers);
  }

  /** The most a request line and its headers may take together. */
  static final int MAX_BYTES = 16 << 10;

  /** A request that cannot be answered normally, with the status to answer it with. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String why) {
      super(why);
      this.status = status;
    }
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Reads the next request head from {@code in}; null when the client closed the connection
   * before sending a byte.
   *
   * @throws Refused for a malformed or oversized head (the connection is closed after the answer)
   * @throws IOException when the connection fails or is closed by the watchdog
   */
  static RequestHead read(InputStream in) throws IOException {
    String text = headText(in);
    if (text == null) {
      return null;
    }
    String[] lines = text.split("\r?\n");
    String[] request = lines[0].split(" ", -1);
    if (request.length != 3 || request[0].isEmpty() || !request[1].startsWith("/")) {
      throw new Refused(400, "malformed request line");
    }
    if (!request[2].equals("HTTP/1.1") && !request[2].equals("HTTP/1.0")) {
      throw new Refused(505, "unsupported version " + request[2]);
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new Refused(400, "malformed header line");
      }
      headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String target = request[1];
    String rawPath = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive = request[2].equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
    boolean body = headers.containsKey("transfer-encoding") || !headers.getOrDefault("content-length", "0").equals("0");
    return new RequestHead(request[0], rawPath, decode(rawPath), keepAlive, body, headers);
  }

  private static String decode(String rawPath) throws Refused {
    try {
      return new URI(rawPath).getPath();
    } catch (URISyntaxException e) {
      throw new Refused(400, "malformed request target");
    }
  }

  /** The bytes up to the blank line that ends the head, as ISO-8859-1 text without it. */
  private static String headText(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int newlines = 0;
    for (int b; (b = in.read()) >= 0; ) {
      if (head.size() == 0 && (b == '\r' || b == '\n')) {
        continue; // blank lines before a request are allowed
      }
      head.write(b);
      if (head.size() > MAX_BYTES) {
        throw new Refused(431, "request head larger than " + MAX_BYTES + " bytes");
      }
      newlines = b == '\n' ? newlines + 1 : b == '\r' ? newlines : 0;
      if (newlines == 2) {
        return head.toString(StandardCharsets.ISO_8859_1).strip();
      }
    }
    if (head.size() == 0) {
      return null;
    }
    throw new IOException("connection closed inside the request head");
  }
}
