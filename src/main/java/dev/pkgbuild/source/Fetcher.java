package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gets a source file by URI and checksum, on the host, before any sandbox starts: the
 * cache first (so a seeded cache builds offline), then http(s), file: URIs or local
 * paths. Whatever is fetched is checked and stored in the cache; the cache path is
 * returned.
 */
public final class Fetcher {
  private static final long RETRY_DELAY_MS = 500;

  private final SourceCache cache;
  private final boolean offline;
  private final HttpSource http;

  public Fetcher(SourceCache cache, boolean offline, FetchProgress progress) {
    this.cache = cache;
    this.offline = offline;
    this.http = new HttpSource(progress);
  }

  /** Turns a recipe's {@code uri} into a URI; a value without a scheme is a local path. */
  public static URI toUri(String value) throws PkgbuildException {
    try {
      URI uri = new URI(value);
      return uri.getScheme() == null || uri.getScheme().length() == 1 ? Path.of(value).toUri() : uri;
    } catch (java.net.URISyntaxException e) {
      if (!value.contains("://")) {
        return Path.of(value).toUri();
      }
      throw PkgbuildException.badInput("not a valid uri: " + value);
    }
  }

  /**
   * The cached, verified file for {@code uri}.
   *
   * @throws PkgbuildException on a checksum mismatch, a missing source, an unreachable
   *     server, or when offline and the cache lacks it
   */
  public Path fetch(URI uri, Checksum expected) throws PkgbuildException {
    Optional<Path> hit = cache.lookup(expected);
    if (hit.isPresent()) {
      return hit.get();
    }
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    switch (scheme) {
      case "file":
        return fetchFile(uri, expected);
      case "http", "https":
        if (offline) {
          throw PkgbuildException.environment("offline and " + uri + " is not in the cache (want "
              + cache.pathOf(expected) + ")");
        }
        return fetchHttp(uri, expected);
      default:
        throw PkgbuildException.badInput("unsupported uri scheme '" + scheme + "' in " + uri
            + " (use http, https or file)");
    }
  }

  /** Whether an HTTP client was made; for tests of the lazy start. */
  boolean httpClientCreated() {
    return http.clientCreated();
  }

  private Path fetchFile(URI uri, Checksum expected) throws PkgbuildException {
    Path file = uri.getScheme() == null ? Path.of(uri.getPath()) : Path.of(uri);
    try {
      return cache.store(expected, uri.toString(), out -> {
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(out);
        }
      });
    } catch (NoSuchFileException e) {
      throw PkgbuildException.badInput("source not found: " + file);
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot read source " + file + ": " + e.getMessage());
    }
  }

  private Path fetchHttp(URI uri, Checksum expected) throws PkgbuildException {
    for (int attempt = 1; ; attempt++) {
      try {
        return cache.store(expected, uri.toString(), out -> http.copyTo(uri, out));
      } catch (HttpSource.StatusException e) {
        if (attempt > 1 || !e.transientFailure()) {
          throw statusError(uri, e.status);
        }
      } catch (IOException e) {
        if (attempt > 1) {
          throw PkgbuildException.environment("cannot download " + uri + ": " + describe(e));
        }
      }
      pause();
    }
  }

  private static PkgbuildException statusError(URI uri, int status) {
    String msg = "cannot download " + uri + ": HTTP " + status;
    return status >= 400 && status < 500 && status != 429 && status != 408
        ? PkgbuildException.badInput(msg)
        : PkgbuildException.environment(msg);
  }

  private static String describe(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_DELAY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
