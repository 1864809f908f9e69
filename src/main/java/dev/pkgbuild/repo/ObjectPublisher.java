package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes a local repository folder into an object store. Per arch: the remote index is read
 * with its ETag; the packages it lacks (with their {@code .spdx.json} and {@code .log} files)
 * are uploaded; the local records are merged into it, the result signed here and written back
 * only if the ETag is unchanged; when another publisher got there first, the index is read and
 * merged again. An index therefore never names a package not yet uploaded, a crash leaves the
 * old index, and, where the store checks the ETag atomically with the write, concurrent
 * publishers lose nothing. Records are only added: withdrawing is not supported yet.
 */
public final class ObjectPublisher {
  private static final String INDEX = ArchFolder.INDEX;
  private static final String[] SIDECARS = {".spdx.json", ".log"};
  private static final int UPLOAD_THREADS = 8;
  private static final String INCOMING = "incoming/";
  private static final long MAX_PACKAGE = 4L << 30;
  private static final long MAX_SIDECAR = 256L << 20;
  private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile("[A-Za-z0-9._+~-]+");

  /**
   * How a publish goes.
   *
   * @param singlePublisher write the index unconditionally, for stores that ignore If-Match;
   *     the user guarantees no other publisher runs at the same time
   * @param maxAttempts index writes tried before giving up on conflicts
   * @param indexEpoch mtime of the index tar entries ({@code SOURCE_DATE_EPOCH})
   */
  public record Options(boolean singlePublisher, int maxAttempts, long indexEpoch) {
    public static Options defaults(long indexEpoch) {
      return new Options(false, 30, indexEpoch);
    }
  }

  /**
   * One arch published.
   *
   * @param arch the arch folder
   * @param uploaded packages uploaded (sidecars not counted)
   * @param added records new to the remote index
   * @param listed records in the index written
   * @param conflicts index writes that lost to another publisher and were merged again
   */
  public record ArchResult(String arch, int uploaded, int added, int listed, int conflicts) {}

  private final ObjectStore store;
  private final SigningKey key;
  private final Reporter reporter;
  private final Options options;

  public ObjectPublisher(ObjectStore store, SigningKey key, Reporter reporter, Options options) {
    this.store = store;
    this.key = key;
    this.reporter = reporter;
    this.options = options;
  }

  /**
   * Publishes every arch folder of the local repository {@code root} (each must have a
   * verifying index, as {@code pkgbuild build} and {@code pkgbuild index} leave them).
   *
   * @throws PkgbuildException when a local or remote index does not verify, a package with the
   *     same name, version and arch but other contents is already published, an upload fails,
   *     or the index keeps losing to other publishers
   */
  public List<ArchResult> publish(Path root) throws PkgbuildException {
    RepoRoot local = new RepoRoot(root, key, reporter, Repository.DEFAULT_LOCK_WAIT);
    List<ArchResult> results = new ArrayList<>();
    List<String> arches = local.arches();
    publishKey();
    for (String arch : arches) {
      ApkIndex mine = Repository.open(root, arch, key, reporter).index();
      results.add(publishArch(root.resolve(arch), arch, mine));
    }
    return results;
  }

  /**
   * The records of the store's index of {@code arch}, checked against the key (empty when there
   * is no index yet): what a plan need not build again.
   *
   * @throws PkgbuildException when the store's index does not verify with the key
   */
  public List<IndexEntry> published(String arch) throws PkgbuildException {
    ApkIndex index = readIndex(arch + "/" + INDEX).index();
    return index == null ? List.of() : index.entries();
  }

  /**
   * Single-publisher mode, the builder's half: uploads every package of the local repository
   * {@code root} (with its sidecars and records) under {@code incoming/<arch>/}, writing no
   * index, for one {@link #takeIncoming} to sign into the index later.
   *
   * @return packages uploaded
   */
  public int offer(Path root) throws PkgbuildException {
    RepoRoot local = new RepoRoot(root, key, reporter, Repository.DEFAULT_LOCK_WAIT);
    int n = 0;
    for (String arch : local.arches()) {
      List<IndexEntry> entries = Repository.open(root, arch, key, reporter).index().entries();
      upload(root.resolve(arch), INCOMING + arch, entries);
      n += entries.size();
    }
    return n;
  }

  /**
   * Single-publisher mode, the publisher's half: downloads what builders left under
   * {@code incoming/} into {@code work}, checks each package (structure, datahash, bounds;
   * builders' keys need not be trusted, the index signed here vouches for them), publishes them
   * as {@link #publish} does, and only then deletes them from {@code incoming/}, so a crash
   * leaves them there for the next run.
   *
   * @return one result per arch that had packages waiting
   * @throws PkgbuildException when a waiting package does not verify or clashes with a published
   *     one (nothing is published then), or the store fails
   */
  public List<ArchResult> takeIncoming(Path work) throws PkgbuildException {
    Map<String, List<String>> byArch = new java.util.TreeMap<>();
    for (String key : store.list(INCOMING)) {
      String rest = key.substring(INCOMING.length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || !safeRelative(rest)) {
        throw PkgbuildException.badInput(key + ": not a name a builder leaves under " + INCOMING);
      }
      byArch.computeIfAbsent(rest.substring(0, slash), a -> new ArrayList<>()).add(rest.substring(slash + 1));
    }
    Path downloads = work.resolve("incoming");
    Path stage = work.resolve("stage");
    for (Map.Entry<String, List<String>> e : byArch.entrySet()) {
      Path dir = downloads.resolve(e.getKey());
      List<Path> apks = new ArrayList<>();
      for (String name : e.getValue()) {
        Path target = dir.resolve(name);
        boolean apk = name.endsWith(".apk");
        download(INCOMING + e.getKey() + "/" + name, apk ? MAX_PACKAGE : MAX_SIDECAR, target);
        if (apk) {
          apks.add(target);
        }
      }
      Repository local = Repository.open(stage, e.getKey(), key, reporter).withInspector(PackageInspector.structural());
      local.publishFiles(apks);
      for (String name : e.getValue()) {
        if (!name.endsWith(".apk")) {
          copy(dir.resolve(name), stage.resolve(e.getKey()).resolve(name));
        }
      }
    }
    if (byArch.isEmpty()) {
      return List.of();
    }
    List<ArchResult> results = publish(stage);
    for (Map.Entry<String, List<String>> e : byArch.entrySet()) {
      for (String name : e.getValue()) {
        store.delete(INCOMING + e.getKey() + "/" + name);
      }
    }
    return results;
  }

  /**
   * {@code index --rebuild} on the store: every {@code <arch>/*.apk} is downloaded into
   * {@code work} and read again (structure, datahash, bounds), and each arch's index is written
   * from scratch, signed here, by a conditional write against the index it replaces (even one
   * that does not verify); listed and read again when another writer changed it meanwhile.
   *
   * @return one result per arch with packages
   * @throws PkgbuildException when a package does not verify, or the index keeps losing
   */
  public List<ArchResult> rebuild(Path work) throws PkgbuildException {
    publishKey();
    List<ArchResult> results = new ArrayList<>();
    for (String arch : packageArches()) {
      String indexKey = arch + "/" + INDEX;
      Repository local = Repository.open(work, arch, key, reporter).withInspector(PackageInspector.structural())
          .withIndexEpoch(options.indexEpoch());
      int[] attempts = {0};
      int listed = untilWritten(indexKey, "nothing was changed, try again", () -> {
        attempts[0]++;
        String etag = store.get(indexKey).map(ObjectStore.Fetched::etag).orElse(null);
        mirror(arch, local.archDir());
        PublishResult built = local.rebuild();
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(local.indexFile());
        } catch (IOException e) {
          throw PkgbuildException.failed("cannot read " + local.indexFile() + ": " + e.getMessage());
        }
        return store.replace(indexKey, bytes, etag, options.singlePublisher()) == ObjectStore.Outcome.WRITTEN
            ? Optional.of(built.index().entries().size()) : Optional.empty();
      });
      results.add(new ArchResult(arch, 0, 0, listed, attempts[0] - 1));
    }
    return results;
  }

  /**
   * Makes {@code dir} hold exactly the store's {@code <arch>/*.apk}: what is new is downloaded,
   * what is gone is removed, what is there already is kept (a retry after a conflict reads only
   * what changed).
   */
  private void mirror(String arch, Path dir) throws PkgbuildException {
    java.util.Set<String> files = new java.util.TreeSet<>();
    for (String k : store.list(arch + "/")) {
      String f = k.substring(arch.length() + 1);
      if (f.endsWith(".apk") && SEGMENT.matcher(f).matches()) {
        files.add(f);
      }
    }
    try (java.util.stream.Stream<Path> there = Files.isDirectory(dir) ? Files.list(dir) : java.util.stream.Stream.empty()) {
      for (Path p : there.filter(p -> p.getFileName().toString().endsWith(".apk")).toList()) {
        if (!files.remove(p.getFileName().toString())) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot list " + dir + ": " + e.getMessage());
    }
    for (String f : files) {
      download(arch + "/" + f, MAX_PACKAGE, dir.resolve(f));
    }
  }

  /** One try at a conditional index write: its result, or empty when another writer got there first. */
  @FunctionalInterface
  private interface Attempt<T> {
    Optional<T> run() throws PkgbuildException;
  }

  /**
   * Runs {@code attempt} until it writes, pausing between tries, at most {@link Options#maxAttempts} times.
   *
   * @throws PkgbuildException naming {@code indexKey} and {@code afterwards} when every try lost
   */
  private <T> T untilWritten(String indexKey, String afterwards, Attempt<T> attempt) throws PkgbuildException {
    for (int n = 1; ; n++) {
      Optional<T> done = attempt.run();
      if (done.isPresent()) {
        return done.get();
      }
      if (n >= options.maxAttempts()) {
        throw PkgbuildException.failed(indexKey + ": the index write failed " + n
            + " times in a row (other publishers, or the connection); " + afterwards);
      }
      pause(n);
    }
  }

  /** The arch folders of the store that hold packages (the store is listed once). */
  private List<String> packageArches() throws PkgbuildException {
    java.util.TreeSet<String> arches = new java.util.TreeSet<>();
    for (String k : store.list("")) {
      int slash = k.indexOf('/');
      if (slash > 0 && k.indexOf('/', slash + 1) < 0 && k.endsWith(".apk") && !k.startsWith(INCOMING)
          && SEGMENT.matcher(k.substring(0, slash)).matches()) {
        arches.add(k.substring(0, slash));
      }
    }
    return List.copyOf(arches);
  }

  /**
   * The public keys at the store's root and each arch's index, copied into {@code work} as a
   * folder repository holds them, for {@code repo-info}.
   */
  public static void copyMetadata(ObjectStore store, Path work) throws PkgbuildException {
    for (String k : store.list("")) {
      if (k.indexOf('/') < 0 && k.endsWith(".rsa.pub") && SEGMENT.matcher(k).matches()) {
        download(store, k, MAX_SIDECAR, work.resolve(k));
      } else if (k.endsWith("/" + INDEX) && k.indexOf('/') == k.length() - INDEX.length() - 1 && !k.startsWith(INCOMING)
          && SEGMENT.matcher(k.substring(0, k.indexOf('/'))).matches()) {
        download(store, k, MAX_SIDECAR, work.resolve(k));
      }
    }
  }

  private void download(String key, long max, Path target) throws PkgbuildException {
    download(store, key, max, target);
  }

  private static void download(ObjectStore store, String key, long max, Path target) throws PkgbuildException {
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot make " + target.getParent() + ": " + e.getMessage());
    }
    if (store.download(key, null, max, target) == null) {
      throw PkgbuildException.failed(key + ": gone while it was read (another writer?)");
    }
  }

  private static void copy(Path from, Path to) throws PkgbuildException {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot copy " + from + " to " + to + ": " + e.getMessage());
    }
  }

  // Keys come from the store: each segment a plain file name, nothing that climbs out of the folder.
  private static boolean safeRelative(String rest) {
    for (String segment : rest.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Picks the records to remove from the current index (asked again after a conflict). */
  @FunctionalInterface
  public interface Pick {
    List<IndexEntry> from(ApkIndex index) throws PkgbuildException;
  }

  /**
   * Withdraws {@code ids} ({@code NAME-VERSION-rN}) from each of {@code arches} whose index in
   * the store lists them, as {@code pkgbuild withdraw} does in a folder (see {@link #remove}).
   *
   * @param where the repository, for messages
   * @return the records removed, by arch
   * @throws PkgbuildException when one is in no index (nothing is withdrawn then)
   */
  public Map<String, List<IndexEntry>> withdraw(List<String> arches, List<String> ids, Object where)
      throws PkgbuildException {
    Map<String, java.util.Set<String>> listed = new java.util.LinkedHashMap<>();
    for (String arch : arches) {
      listed.put(arch, published(arch).stream().map(IndexEntry::fileName)
          .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
    }
    Map<String, List<IndexEntry>> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : Selection.byArch(listed, ids, where).entrySet()) {
      out.put(e.getKey(), remove(e.getKey(), index -> Selection.byId(index, e.getValue(), where)));
    }
    return out;
  }

  /** Keeps the newest {@code keep} versions of each name in the store's index of {@code arch} (see {@link #remove}). */
  public List<IndexEntry> prune(String arch, int keep) throws PkgbuildException {
    if (keep < 1) {
      throw PkgbuildException.badInput("--keep must be at least 1, got " + keep);
    }
    return remove(arch, index -> Selection.olderThanNewest(index, keep));
  }

  /**
   * Removes the records {@code pick} chooses from the store's index of {@code arch}: the index
   * is written first (conditionally, read and picked again when another writer got there
   * first), then the packages and their sidecars are deleted, so no index ever names a deleted
   * package; a crash in between leaves objects no index names, which are harmless.
   *
   * @return the records removed; none when there is no index
   */
  public List<IndexEntry> remove(String arch, Pick pick) throws PkgbuildException {
    String indexKey = arch + "/" + INDEX;
    List<IndexEntry> removed = untilWritten(indexKey, "nothing was removed, try again", () -> {
      Remote remote = readIndex(indexKey);
      List<IndexEntry> chosen = remote.index() == null ? List.of() : pick.from(remote.index());
      if (chosen.isEmpty()) {
        return Optional.of(chosen);
      }
      ApkIndex next = remote.index();
      for (IndexEntry e : chosen) {
        next = next.without(e.name(), e.version());
      }
      return store.replace(indexKey, render(next), remote.etag(), options.singlePublisher())
          == ObjectStore.Outcome.WRITTEN ? Optional.of(chosen) : Optional.empty();
    });
    for (IndexEntry e : removed) {
      deleteObjects(arch, e);
    }
    return removed;
  }

  private void deleteObjects(String arch, IndexEntry e) throws PkgbuildException {
    String base = e.name() + "-" + e.version();
    // The package first: what is left of a crash is sidecars without a package, never the reverse.
    store.delete(arch + "/" + e.fileName());
    for (String suffix : SIDECARS) {
      store.delete(arch + "/" + base + suffix);
    }
    for (Path record : records(base)) {
      store.delete(arch + "/" + record);
    }
  }

  /** The records kept beside a package ({@code name-version}), relative to its arch folder. */
  private static List<Path> records(String base) {
    Path here = Path.of("");
    return List.of(InputsRecord.file(here, base), EnvironmentRecord.file(here, base),
        EnvironmentRecord.testFile(here, base));
  }

  private ArchResult publishArch(Path dir, String arch, ApkIndex mine) throws PkgbuildException {
    String indexKey = arch + "/" + INDEX;
    Remote remote = readIndex(indexKey);
    List<IndexEntry> missing = missingFrom(remote.index(), mine.entries());
    upload(dir, arch, missing);
    int conflicts = 0;
    int unanswered = 0; // records of a write whose answer was lost, which may have landed
    for (int attempt = 1; ; attempt++) {
      List<IndexEntry> added = missingFrom(remote.index(), mine.entries());
      if (remote.index() != null && added.isEmpty()) {
        // Also where a write of ours whose answer was lost did land.
        return new ArchResult(arch, missing.size(), unanswered, remote.index().entries().size(), conflicts);
      }
      ApkIndex next = remote.index() == null ? new ApkIndex(mine.description(), added) : remote.index().with(added);
      ObjectStore.Outcome outcome = store.replace(indexKey, render(next), remote.etag(), options.singlePublisher());
      if (outcome == ObjectStore.Outcome.WRITTEN) {
        return new ArchResult(arch, missing.size(), added.size(), next.entries().size(), conflicts);
      }
      if (outcome == ObjectStore.Outcome.CONFLICT) {
        conflicts++;
      }
      unanswered = outcome == ObjectStore.Outcome.UNKNOWN ? added.size() : 0;
      if (attempt >= options.maxAttempts()) {
        throw PkgbuildException.failed(indexKey + ": the index write failed " + attempt
            + " times in a row (other publishers, or the connection); the packages are uploaded, publish again");
      }
      reporter.detail(indexKey + ": " + (outcome == ObjectStore.Outcome.CONFLICT ? "changed by another publisher"
          : "no answer to the write") + ", reading and merging again");
      pause(attempt);
      // Packages another publisher indexed meanwhile need no upload; the rest are uploaded already.
      remote = readIndex(indexKey);
    }
  }

  /** The remote index and its ETag; a null index when there is none yet. */
  private record Remote(ApkIndex index, String etag) {}

  private Remote readIndex(String indexKey) throws PkgbuildException {
    Optional<ObjectStore.Fetched> got = store.get(indexKey);
    if (got.isEmpty()) {
      return new Remote(null, null);
    }
    return new Remote(verified(indexKey, got.get().bytes()).index(), got.get().etag());
  }

  private IndexArchive.Read verified(String indexKey, byte[] bytes) throws PkgbuildException {
    IndexArchive.Read r = IndexArchive.read(bytes, TrustedKeys.of(key), indexKey);
    if (!r.problems().isEmpty()) {
      throw PkgbuildException.badInput(indexKey + " in the store does not verify with " + key.keyName() + ": "
          + String.join("; ", r.problems()));
    }
    return r;
  }

  /**
   * The records of {@code mine} the remote lacks. A record of the same name, version and arch
   * with another checksum is refused: replacing a published package under apk's feet breaks
   * every installation that cached the old one.
   */
  private static List<IndexEntry> missingFrom(ApkIndex remote, List<IndexEntry> mine) throws PkgbuildException {
    if (remote == null) {
      return mine;
    }
    Map<String, IndexEntry> published = new HashMap<>();
    for (IndexEntry e : remote.entries()) {
      published.put(e.fileName() + "\0" + e.arch(), e);
    }
    List<IndexEntry> missing = new ArrayList<>();
    for (IndexEntry e : mine) {
      IndexEntry there = published.get(e.fileName() + "\0" + e.arch());
      if (there == null) {
        missing.add(e);
      } else if (!there.checksum().equals(e.checksum())) {
        throw PkgbuildException.badInput(e.fileName() + " is already published with other contents");
      }
    }
    return missing;
  }

  /** Uploads the packages and their sidecars, several at a time: each is one round trip. */
  private void upload(Path dir, String target, List<IndexEntry> entries) throws PkgbuildException {
    if (entries.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(UPLOAD_THREADS, entries.size()));
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (IndexEntry e : entries) {
        done.add(pool.submit(() -> {
          uploadOne(dir, target, e);
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PkgbuildException p) {
        throw p;
      }
      throw PkgbuildException.failed("upload failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("interrupted while uploading");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Uploads one package with its sidecars and records into {@code target} ({@code <arch>} or {@code incoming/<arch>}). */
  private void uploadOne(Path dir, String target, IndexEntry e) throws PkgbuildException {
    String base = e.name() + "-" + e.version();
    for (String suffix : SIDECARS) {
      Path side = dir.resolve(base + suffix);
      if (Files.isRegularFile(side)) {
        store.upload(target + "/" + base + suffix, side);
      }
    }
    // What a later plan on another machine reads: the inputs hash, the build and test environments.
    for (Path record : records(base)) {
      if (Files.isRegularFile(dir.resolve(record))) {
        store.upload(target + "/" + record, dir.resolve(record));
      }
    }
    // The package last of its files: a package present means its sidecars are too.
    store.upload(target + "/" + e.fileName(), dir.resolve(e.fileName()));
  }

  /** The public key at the root, where users fetch it, written before any index it signs. */
  private void publishKey() throws PkgbuildException {
    byte[] pem = key.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
    Optional<ObjectStore.Fetched> there = store.get(key.keyName());
    if (there.isPresent() && Arrays.equals(there.get().bytes(), pem)) {
      return;
    }
    if (store.replace(key.keyName(), pem, null, true) != ObjectStore.Outcome.WRITTEN) {
      throw PkgbuildException.failed("cannot write " + key.keyName() + ": no answer from the store");
    }
  }

  private byte[] render(ApkIndex index) throws PkgbuildException {
    try {
      return IndexArchive.render(index, key, options.indexEpoch());
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot render the index: " + e.getMessage());
    }
  }

  /** Exponential backoff with full jitter, so publishers that collided do not collide again. */
  private static void pause(int attempt) throws PkgbuildException {
    long capMillis = Math.min(2_000, 25L << Math.min(attempt, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(capMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("interrupted while waiting to retry the index");
    }
  }
}
