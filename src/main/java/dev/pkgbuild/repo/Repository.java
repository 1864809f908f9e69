package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One arch folder {@code <root>/<arch>/} of an APK repository, shared by any number of writers
 * in any number of processes. Every change runs under the folder's lock (see {@link ArchLock}),
 * first repairs what an interrupted writer left, and ends with a signed index written to a
 * temp file, fsynced and renamed. The public key is kept at {@code <root>/<keyname>}.
 */
public final class Repository {
  /** How long a writer waits for another one by default. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(2);

  private final Path root;
  private final ArchFolder folder;
  private final Settings settings;

  /** Everything but the place; the withers below copy it with one field changed. */
  private record Settings(SigningKey key, Reporter reporter, PackageInspector inspector, Duration lockWait,
      long indexEpoch, String description) {}

  private Repository(Path root, String arch, Settings settings) {
    this.root = root;
    this.folder = new ArchFolder(root.resolve(arch), arch);
    this.settings = settings;
  }

  /**
   * The arch folder {@code <root>/<arch>} written with {@code key}; published packages must
   * verify with it. A null key makes an unsigned repository whose packages are checked for
   * structure only (apk trusts such a repository only with {@code --allow-untrusted}).
   */
  public static Repository open(Path root, String arch, SigningKey key, Reporter reporter) {
    PackageInspector inspector = key == null ? PackageInspector.structural()
        : PackageInspector.verifying(TrustedKeys.of(key));
    return new Repository(root, arch, new Settings(key, reporter, inspector, DEFAULT_LOCK_WAIT, 0, null));
  }

  private Repository with(Settings s) {
    return new Repository(root, folder.arch(), s);
  }

  /** The same repository reading packages through {@code other} (tests count reads with it). */
  public Repository withInspector(PackageInspector other) {
    Settings s = settings;
    return with(new Settings(s.key(), s.reporter(), other, s.lockWait(), s.indexEpoch(), s.description()));
  }

  /** The same repository waiting at most {@code wait} for the lock. */
  public Repository withLockWait(Duration wait) {
    Settings s = settings;
    return with(new Settings(s.key(), s.reporter(), s.inspector(), wait, s.indexEpoch(), s.description()));
  }

  /** The same repository stamping index tar entries with {@code epoch} ({@code SOURCE_DATE_EPOCH}). */
  public Repository withIndexEpoch(long epoch) {
    Settings s = settings;
    return with(new Settings(s.key(), s.reporter(), s.inspector(), s.lockWait(), epoch, s.description()));
  }

  /** The same repository setting the index {@code DESCRIPTION} to {@code text} (null: keep it). */
  public Repository withDescription(String text) {
    Settings s = settings;
    return with(new Settings(s.key(), s.reporter(), s.inspector(), s.lockWait(), s.indexEpoch(), text));
  }

  /** The arch folder. */
  public Path archDir() {
    return folder.dir();
  }

  /** The signed index file. */
  public Path indexFile() {
    return folder.index();
  }

  /**
   * Publishes packages a packager just wrote: each is read once more to check it, moved (or
   * copied) into place, and added to the index; other records stay as they are.
   *
   * @throws PkgbuildException when a package does not verify, the index is broken, or the lock is busy
   */
  public PublishResult publish(List<StagedApk> staged) throws PkgbuildException {
    return locked(false, u -> u.place(staged, false));
  }

  /**
   * Publishes existing package files (copied, never moved); each is read once.
   *
   * @throws PkgbuildException when a package does not verify, the index is broken, or the lock is busy
   */
  public PublishResult publishFiles(List<Path> apks) throws PkgbuildException {
    List<StagedApk> staged = new ArrayList<>();
    for (Path p : apks) {
      staged.add(new StagedApk(p, settings.inspector().inspect(p), false, null));
    }
    return locked(false, u -> u.place(staged, true));
  }

  /**
   * Brings the index in line with the folder, reading only files it does not list yet.
   *
   * @throws PkgbuildException when the index is broken (use {@link #rebuild}) or the lock is busy
   */
  public PublishResult repair() throws PkgbuildException {
    return locked(false, u -> {});
  }

  /**
   * Writes a new index from every package file in the folder, read in parallel; the old index
   * is not read at all, so this also replaces a broken one.
   *
   * @throws PkgbuildException when the lock is busy or the folder cannot be read
   */
  public PublishResult rebuild() throws PkgbuildException {
    return locked(true, u -> {});
  }

  /**
   * Removes packages, given as {@code name-version} ({@code foo-1.2-r0}), file and record at once.
   *
   * @throws PkgbuildException (bad input) naming any package the index does not list; nothing is removed then
   */
  public PublishResult withdraw(List<String> ids) throws PkgbuildException {
    return locked(false, u -> u.withdraw(Selection.byId(u.index(), ids, folder.dir())));
  }

  /**
   * Keeps the newest {@code keep} versions of each package name (apk version order), withdrawing the rest.
   *
   * @throws PkgbuildException when {@code keep} is below 1, the index is broken, or the lock is busy
   */
  public PublishResult prune(int keep) throws PkgbuildException {
    if (keep < 1) {
      throw PkgbuildException.badInput("--keep must be at least 1, got " + keep);
    }
    return locked(false, u -> u.withdraw(Selection.olderThanNewest(u.index(), keep)));
  }

  /**
   * Reads and verifies the current index without taking the lock (readers never need it).
   *
   * @throws PkgbuildException when there is no index or it does not verify
   */
  public ApkIndex index() throws PkgbuildException {
    IndexArchive.Read r = IndexArchive.read(folder.index(), trusted());
    List<String> problems = Update.relevant(r.problems(), settings.key() != null);
    if (!problems.isEmpty()) {
      throw PkgbuildException.badInput(folder.index() + ": " + String.join("; ", problems));
    }
    return r.index();
  }

  /**
   * The packages the index lists, by {@code name-version}; empty when there is no index yet.
   * Without a signing key (a plan on a machine that only reads the repository) the index is
   * checked against the public keys published at the repository root.
   *
   * @throws PkgbuildException when the index does not verify
   */
  public Map<String, IndexEntry> listed() throws PkgbuildException {
    Map<String, IndexEntry> listed = new HashMap<>();
    if (!Files.isRegularFile(folder.index())) {
      return listed;
    }
    ApkIndex index;
    if (settings.key() != null) {
      index = index();
    } else {
      IndexArchive.Read r = IndexArchive.read(folder.index(), TrustedKeys.in(root));
      if (!r.problems().isEmpty()) {
        throw PkgbuildException.badInput(folder.index() + ": " + String.join("; ", r.problems()));
      }
      index = r.index();
    }
    for (IndexEntry e : index.entries()) {
      listed.put(e.name() + "-" + e.version(), e);
    }
    return listed;
  }

  private TrustedKeys trusted() {
    return settings.key() == null ? TrustedKeys.of() : TrustedKeys.of(settings.key());
  }

  private interface Change {
    void apply(Update u) throws PkgbuildException;
  }

  private PublishResult locked(boolean rebuild, Change change) throws PkgbuildException {
    createFolder();
    try (ArchLock lock = ArchLock.acquire(folder.dir(), settings.lockWait())) {
      Update u = new Update(folder, settings.inspector(), settings.reporter(), settings.key(), settings.indexEpoch());
      if (rebuild) {
        u.rebuildAll(previousDescription());
      } else {
        u.load(trusted(), settings.key() != null);
        u.recover();
      }
      u.describe(settings.description());
      change.apply(u);
      PublishResult result = u.commit();
      publishKey();
      return result;
    }
  }

  /** Copies the public key to the repository root, where users fetch it, unless it is there already. */
  private void publishKey() throws PkgbuildException {
    if (settings.key() == null) {
      return;
    }
    Path pub = root.resolve(settings.key().keyName());
    byte[] pem = settings.key().publicKeyPem().getBytes(StandardCharsets.US_ASCII);
    try {
      // Compared, not rewritten: a rewrite is two fsyncs on every publish and index run.
      if (Files.isRegularFile(pub) && Files.size(pub) == pem.length && Arrays.equals(Files.readAllBytes(pub), pem)) {
        return;
      }
      AtomicFiles.write(pub, pem);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot write " + pub + ": " + e.getMessage());
    }
  }

  private String previousDescription() {
    try {
      return IndexArchive.read(folder.index(), trusted()).index().description();
    } catch (PkgbuildException e) {
      return null;
    }
  }

  private void createFolder() throws PkgbuildException {
    try {
      Files.createDirectories(folder.dir());
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot create repository folder " + folder.dir() + ": " + e.getMessage());
    }
  }
}
