package dev.pkgbuild.repo;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.Optional;

/** A store whose writes through {@link #replace} go through a test's hook: a stall. */
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
  public Downloaded download(String key, String etag, long maxBytes, Path target) throws PkgbuildException {
    return store.download(key, etag, maxBytes, target);
  }

  @Override
  public java.util.List<String> list(String prefix) throws PkgbuildException {
    return store.list(prefix);
  }

  @Override
  public void delete(String key) throws PkgbuildException {
    store.delete(key);
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
