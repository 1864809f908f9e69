package dev.pkgbuild.repo;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few operations of an object store that publishing needs, with keys relative to the
 * repository's prefix. The index is replaced only through {@link #replace}, a conditional
 * write, so two publishers never overwrite each other's index unseen.
 */
public interface ObjectStore extends AutoCloseable {
  /** An object's bytes and the ETag to make a conditional write against. */
  record Fetched(byte[] bytes, String etag) {}

  /** The object, or empty when there is none. @throws PkgbuildException when the store cannot be read */
  Optional<Fetched> get(String key) throws PkgbuildException;

  /**
   * What {@link #download} did.
   *
   * @param notModified the object's ETag is still the one given, nothing was written
   * @param etag the object's ETag
   * @param bytes bytes written
   */
  record Downloaded(boolean notModified, String etag, long bytes) {}

  /**
   * Writes the object into {@code target} (replaced whole) unless its ETag is still {@code etag}
   * (null: always).
   *
   * @return what happened, or null when there is no such object
   * @throws PkgbuildException when the object is larger than {@code maxBytes}, or the store
   *     cannot be read
   */
  Downloaded download(String key, String etag, long maxBytes, Path target) throws PkgbuildException;

  /**
   * The keys under {@code prefix} (relative to the repository's prefix, as the other methods
   * take them), in the store's order (lexicographic for S3).
   *
   * @throws PkgbuildException when the store cannot be listed
   */
  java.util.List<String> list(String prefix) throws PkgbuildException;

  /** Deletes the object; no such object is no error. @throws PkgbuildException when the store refuses */
  void delete(String key) throws PkgbuildException;

  /** Uploads {@code file} as {@code key}, replacing what is there. @throws PkgbuildException on failure */
  void upload(String key, Path file) throws PkgbuildException;

  /** How a conditional write ended. */
  enum Outcome {
    WRITTEN,
    /** Another writer changed the object first (412 Precondition Failed, or 409 for a concurrent write). */
    CONFLICT,
    /** No answer came (the connection broke): the write may or may not have happened. */
    UNKNOWN
  }

  /**
   * Writes {@code bytes} as {@code key} only if its ETag is still {@code etag} (null: only if
   * there is no such object); with {@code unconditional}, writes it whatever is there.
   *
   * @throws PkgbuildException when the store refuses the write for another reason
   */
  Outcome replace(String key, byte[] bytes, String etag, boolean unconditional) throws PkgbuildException;

  @Override
  void close();
}
