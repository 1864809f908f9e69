package dev.pkgbuild.env;

import dev.pkgbuild.diag.PkgbuildException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Reads repository files from a store that is not plain http(s), such as {@code s3://BUCKET/PREFIX}
 * with the store's own credentials. The command line plugs one in; the client keeps its cache,
 * bounds and checks the same for every source.
 */
public interface ObjectSource {
  /**
   * What a fetch did.
   *
   * @param notModified the cached copy is current and nothing was written
   * @param etag the object's ETag, for the next conditional fetch
   * @param bytes bytes written to the target
   * @param missing there is no such object (nothing was written)
   */
  record Fetched(boolean notModified, String etag, long bytes, boolean missing) {
    public static final Fetched MISSING = new Fetched(false, null, 0, true);
  }

  /** A source that knows no scheme: every {@code s3://} repository is refused with a clear line. */
  ObjectSource NONE = (uri, etag, maxBytes, target) -> {
    throw PkgbuildException.badInput(uri.getScheme() + ": no such repository store here");
  };

  /**
   * Fetches {@code uri} into {@code target} unless its ETag is still {@code etag} (null: fetch);
   * {@link Fetched#MISSING} when there is no such object.
   *
   * @throws PkgbuildException when the object is larger than {@code maxBytes}, or the store
   *     refuses or cannot be reached
   */
  Fetched get(URI uri, String etag, long maxBytes, Path target) throws PkgbuildException;
}
