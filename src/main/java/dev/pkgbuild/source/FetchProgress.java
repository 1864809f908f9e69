package dev.pkgbuild.source;

import java.net.URI;

/**
 * Download progress, for the CLI to draw when it writes to a terminal. Called from
 * the fetching thread; {@code total} is -1 when the server does not say.
 */
public interface FetchProgress {
  /** Bytes received so far; called about once per mebibyte. */
  void update(URI uri, long received, long total);

  /** The download ended, successfully or not. */
  default void done(URI uri) {}

  /** Reports nothing. */
  static FetchProgress none() {
    return (uri, received, total) -> {};
  }
}
