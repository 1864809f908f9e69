package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher's retry paths, made to happen on cue by a store in memory with exact conditional writes. */
class ObjectPublisherRetryTest {
  @TempDir Path tmp;
  SigningKey key;
  final MemoryStore store = new MemoryStore();

  @BeforeEach
  void setUp() throws Exception {
    key = RepoFixture.key(tmp.resolve("keys"));
  }

  @Test
  void publish_anotherPublisherWritesFirst_mergesAgainAndKeepsBoth() throws Exception {
    Path theirs = localRepo("theirs");
    // Just before our index write, another publisher's lands.
    store.beforeIndexWrite.add(s -> publishQuietly(theirs));
    ObjectPublisher.ArchResult r = publisher().publish(localRepo("ours")).get(0);
    assertEquals(1, r.conflicts());
    assertEquals(List.of("ours", "theirs"), remoteNames());
  }

  @Test
  void publish_writeLandsButItsAnswerIsLost_readsBackAndStops() throws Exception {
    store.loseAnswers = 1;
    ObjectPublisher.ArchResult r = publisher().publish(localRepo("ours")).get(0);
    assertEquals(new ObjectPublisher.ArchResult("x86_64", 1, 1, 1, 0), r);
    assertEquals(List.of("ours"), remoteNames());
    assertEquals(1, store.indexWrites, "no second write: the index read back already lists the package");
  }

  @Test
  void publish_losesEveryTime_givesUpAfterTheAttemptsWithPackagesUploaded() throws Exception {
    Path theirs = localRepo("theirs");
    for (int i = 0; i < 3; i++) {
      int n = i;
      store.beforeIndexWrite.add(s -> s.objects.put("x86_64/" + ArchFolder.INDEX,
          new ObjectStore.Fetched(s.objects.get("x86_64/" + ArchFolder.INDEX).bytes(), "\"other" + n + "\"")));
    }
    publishQuietly(theirs);
    ObjectPublisher p = new ObjectPublisher(store, key, Reporter.silent(), new ObjectPublisher.Options(false, 3, 0));
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> p.publish(localRepo("ours")));
    assertTrue(e.getMessage().contains("failed 3 times in a row"), e.getMessage());
    assertTrue(store.objects.containsKey("x86_64/ours-1.0-r0.apk"));
    assertEquals(List.of("theirs"), remoteNames(), "the old index stays");
  }

  private void publishQuietly(Path root) {
    try {
      new ObjectPublisher(store.withoutHooks(), key, Reporter.silent(), ObjectPublisher.Options.defaults(0)).publish(root);
    } catch (PkgbuildException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectPublisher publisher() {
    return new ObjectPublisher(store, key, Reporter.silent(), ObjectPublisher.Options.defaults(0));
  }

  private List<String> remoteNames() throws PkgbuildException {
    IndexArchive.Read r = IndexArchive.read(store.objects.get("x86_64/" + ArchFolder.INDEX).bytes(),
        TrustedKeys.of(key), "index");
    assertEquals(List.of(), r.problems());
    return r.index().entries().stream().map(IndexEntry::name).sorted().toList();
  }

  private Path localRepo(String... names) throws Exception {
    return RepoFixture.repository(tmp, key, names);
  }

  /** Objects in a map; ETags count writes; hooks run before an index write is checked. */
  static final class MemoryStore implements ObjectStore {
    final Map<String, Fetched> objects;
    final Deque<Consumer<MemoryStore>> beforeIndexWrite = new ArrayDeque<>();
    int loseAnswers;
    int indexWrites;
    private int version;

    MemoryStore() {
      this(new HashMap<>());
    }

    private MemoryStore(Map<String, Fetched> objects) {
      this.objects = objects;
    }

    MemoryStore withoutHooks() {
      return new MemoryStore(objects);
    }

    @Override
    public Optional<Fetched> get(String key) {
      return Optional.ofNullable(objects.get(key));
    }

    @Override
    public Downloaded download(String key, String etag, long maxBytes, Path target) {
      Fetched f = objects.get(key);
      if (f == null) {
        return null;
      }
      if (f.etag().equals(etag)) {
        return new Downloaded(true, etag, 0);
      }
      try {
        Files.write(target, f.bytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Downloaded(false, f.etag(), f.bytes().length);
    }

    @Override
    public List<String> list(String prefix) {
      return objects.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    @Override
    public void delete(String key) {
      objects.remove(key);
    }

    @Override
    public void upload(String key, Path file) {
      try {
        objects.put(key, new Fetched(Files.readAllBytes(file), "\"" + ++version + "\""));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public synchronized Outcome replace(String key, byte[] bytes, String etag, boolean unconditional) {
      if (key.endsWith(ArchFolder.INDEX)) {
        if (!beforeIndexWrite.isEmpty()) {
          beforeIndexWrite.poll().accept(this);
        }
        indexWrites++;
      }
      Fetched there = objects.get(key);
      if (!unconditional && (etag == null ? there != null : there == null || !there.etag().equals(etag))) {
        return Outcome.CONFLICT;
      }
      objects.put(key, new Fetched(bytes, "\"" + ++version + "\""));
      if (key.endsWith(ArchFolder.INDEX) && loseAnswers > 0) {
        loseAnswers--;
        return Outcome.UNKNOWN;
      }
      return Outcome.WRITTEN;
    }

    @Override
    public void close() {}
  }

}
