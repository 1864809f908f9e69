package dev.pkgbuild.env;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.source.IdleWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * GETs over http(s) (other schemes through the settings' {@link ObjectSource}) with a conditional request, credentials and bounds. Redirects are
 * followed here, not by the JDK client, so that credentials are chosen again for every hop
 * and never travel to another host. The client is made on first use (it costs 0.2 s).
 */
final class RemoteFetch {
  private static final int MAX_REDIRECTS = 5;

  /** What the cache knows of a file: its {@code ETag} and {@code Last-Modified}, each possibly null. */
  record Validators(String etag, String lastModified) {
    static final Validators NONE = new Validators(null, null);
  }

  /**
   * The outcome: {@code notModified}, or the body was written and these are its validators, or
   * (from an {@link ObjectSource} only) the object is {@code missing}.
   */
  record Outcome(boolean notModified, Validators validators, long bytes, boolean missing) {
    Outcome(boolean notModified, Validators validators, long bytes) {
      this(notModified, validators, bytes, false);
    }
  }

  private final ClientSettings settings;
  private HttpClient client;

  RemoteFetch(ClientSettings settings) {
    this.settings = settings;
  }

  /**
   * Fetches {@code uri} into {@code target} (replaced whole) unless the server says the
   * cached copy, described by {@code cached}, is current.
   *
   * @throws PkgbuildException (failed) naming the URL without credentials, for any HTTP or
   *     network error or a body larger than {@code maxBytes}
   */
  Outcome get(URI uri, Validators cached, long maxBytes, Path target) throws PkgbuildException {
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      ObjectSource.Fetched f = settings.objects().get(uri, cached.etag(), maxBytes, target);
      return new Outcome(f.notModified(), f.notModified() ? cached : new Validators(f.etag(), null), f.bytes(),
          f.missing());
    }
    String shown = RepositoryLine.redact(uri.toString());
    Optional<String> userInfo = Optional.ofNullable(uri.getRawUserInfo())
        .map(u -> URLDecoder.decode(u, StandardCharsets.UTF_8));
    URI next = withoutUserInfo(uri);
    try {
      for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        HttpResponse<InputStream> r = client().send(request(next, authorization(uri, next, userInfo), cached),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
          Optional<String> location = r.headers().firstValue("Location");
          if (r.statusCode() >= 300 && r.statusCode() < 400 && r.statusCode() != 304 && location.isPresent()) {
            next = next.resolve(location.get());
            continue;
          }
          return outcome(r, in, cached, maxBytes, target, shown);
        }
      }
      throw PkgbuildException.failed("cannot fetch " + shown + ": more than " + MAX_REDIRECTS + " redirects");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("cannot fetch " + shown + ": interrupted");
    } catch (IOException | IllegalArgumentException e) {
      throw PkgbuildException.failed("cannot fetch " + shown + ": " + describe(e));
    }
  }

  private HttpRequest request(URI uri, Optional<String> authorization, Validators cached) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.connectTimeout())
        .header("User-Agent", "pkgbuild").GET();
    authorization.ifPresent(h -> b.header("Authorization", h));
    if (cached.etag() != null) {
      b.header("If-None-Match", cached.etag());
    }
    if (cached.lastModified() != null) {
      b.header("If-Modified-Since", cached.lastModified());
    }
    return b.build();
  }

  private Outcome outcome(HttpResponse<InputStream> r, InputStream in, Validators cached, long maxBytes, Path target,
      String shown) throws IOException, PkgbuildException {
    int status = r.statusCode();
    if (status == 304 && !cached.equals(Validators.NONE)) {
      return new Outcome(true, cached, 0);
    }
    if (status != 200) {
      throw PkgbuildException.failed("cannot fetch " + shown + ": HTTP " + status);
    }
    if (r.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
      throw tooLarge(shown, maxBytes);
    }
    long n = copy(in, target, maxBytes, shown);
    return new Outcome(false, new Validators(r.headers().firstValue("ETag").orElse(null),
        r.headers().firstValue("Last-Modified").orElse(null)), n);
  }

  /** URL credentials go only to the URL's own host; {@code HTTP_AUTH} only to the host it names. */
  private Optional<String> authorization(URI original, URI request, Optional<String> userInfo) {
    if (userInfo.isPresent() && sameAuthority(original, request)) {
      return Optional.of(HttpAuth.basic(userInfo.get()));
    }
    return settings.auth().filter(a -> a.appliesTo(request)).map(HttpAuth::header);
  }

  private static boolean sameAuthority(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private long copy(InputStream in, Path target, long maxBytes, String shown) throws IOException, PkgbuildException {
    long received = 0;
    byte[] buf = new byte[1 << 16];
    try (IdleWatch watch = new IdleWatch(in, settings.idleTimeout());
        OutputStream out = Files.newOutputStream(target)) {
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          watch.touch();
          received += n;
          if (received > maxBytes) {
            throw tooLarge(shown, maxBytes);
          }
          out.write(buf, 0, n);
        }
      } catch (IOException e) {
        if (watch.fired()) {
          throw new IOException("no data for " + settings.idleTimeout().toMillis() + " ms");
        }
        throw e;
      }
    }
    return received;
  }

  private static PkgbuildException tooLarge(String shown, long maxBytes) {
    return PkgbuildException.failed("cannot fetch " + shown + ": larger than the limit of " + maxBytes + " bytes");
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : RepositoryLine.redact(m);
  }

  private static URI withoutUserInfo(URI u) {
    try {
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(settings.connectTimeout()).build();
    }
    return client;
  }
}
