package dev.pkgbuild.repo;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** A store whose writes through {@link #replace} go through a test's hook: a lock, or a stall. */
final class IndexWrites implements ObjectStore {
  /** What happens around one write; {@code write} makes it. */
  @FunctionalInterface
  interface Hook {
    Outcome around(String key, Write write) throws PkgbuildException;
  }

  @FunctionalInterface
  interface Write {
    Outcome run() throws PkgbuildException;
  }

  private final ObjectStore store;
  private final Hook hook;

  private IndexWrites(ObjectStore store, Hook hook) {
    this.store = store;
    this.hook = hook;
  }

  /**
   * Writes made one at a time across processes, by a file lock held around each write only.
   * S3Proxy 4.1 checks If-Match before it writes, not atomically with the write: concurrent
   * PUTs carrying the same ETag all succeed (seen with bench/s3publish.sh's racing mode; docs/repository.md).
   * One at a time its check is exact, as AWS S3's, GCS's and R2's are under concurrency, so
   * publishers still read, merge, lose with 412 and merge again as they would against those.
   */
  static ObjectStore serialized(ObjectStore store, Path lockFile) {
    return new IndexWrites(store, (key, write) -> {
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        return write.run();
      } catch (IOException e) {
        throw PkgbuildException.failed("cannot lock " + lockFile + ": " + e.getMessage());
      }
    });
  }

  /** Every index write held forever after {@code before-index} is printed: the test kills the process there. */
  static ObjectStore stalling(ObjectStore store) {
    return new IndexWrites(store, (key, write) -> {
      if (key.endsWith(ArchFolder.INDEX)) {
        System.out.println("before-index");
        System.out.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return write.run();
    });
  }

  @Override
  public Optional<Fetched> get(String key) throws PkgbuildException {
    return store.get(key);
  }

  @Override
  public void upload(String key, Path file) throws PkgbuildException {
    store.upload(key, file);
  }

  @Override
  public Outcome replace(String key, byte[] bytes, String etag, boolean unconditional) throws PkgbuildException {
    return hook.around(key, () -> store.replace(key, bytes, etag, unconditional));
  }

  @Override
  public void close() {
    store.close();
  }
}
