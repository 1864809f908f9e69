package dev.pkgbuild.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads over http(s). The client is made on first use only: creating one costs
 * about 0.2 s and delays JVM exit, which builds from a warm cache should not pay.
 */
final class HttpSource {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  private static final long PROGRESS_STEP = 1 << 20;

  private final FetchProgress progress;
  private HttpClient client;

  HttpSource(FetchProgress progress) {
    this.progress = progress;
  }

  /** A failed response; 5xx and 429 are worth one more try, other codes are not. */
  static final class StatusException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    StatusException(int status) {
      super("HTTP " + status);
      this.status = status;
    }

    boolean transientFailure() {
      return status >= 500 || status == 429 || status == 408;
    }
  }

  /** Copies the body of {@code uri} to {@code out}, following redirects. */
  void copyTo(URI uri, OutputStream out) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT)
        .header("User-Agent", "pkgbuild").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new StatusException(response.statusCode());
      }
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      copyWithProgress(uri, in, out, total);
    } finally {
      progress.done(uri);
    }
  }

  private void copyWithProgress(URI uri, InputStream in, OutputStream out, long total) throws IOException {
    byte[] buf = new byte[1 << 16];
    long received = 0;
    long next = PROGRESS_STEP;
    for (int n; (n = in.read(buf)) > 0; ) {
      out.write(buf, 0, n);
      received += n;
      if (received >= next) {
        progress.update(uri, received, total);
        next += PROGRESS_STEP;
      }
    }
    if (total >= 0 && received != total) {
      throw new IOException("connection closed after " + received + " of " + total + " bytes");
    }
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(CONNECT_TIMEOUT).build();
    }
    return client;
  }

  /** Whether a client was ever made; tests check that cache hits make none. */
  synchronized boolean clientCreated() {
    return client != null;
  }
}
