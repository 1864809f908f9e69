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
import java.util.List;

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
  private final SigningKey key;
  private final Reporter reporter;
  private final PackageInspector inspector;
  private final Duration lockWait;
  private final long indexEpoch;

  private Repository(Path root, String arch, SigningKey key, Reporter reporter, PackageInspector inspector,
      Duration lockWait, long indexEpoch) {
    this.root = root;
    this.folder = new ArchFolder(root.resolve(arch), arch);
    this.key = key;
    this.reporter = reporter;
    this.inspector = inspector;
    this.lockWait = lockWait;
    this.indexEpoch = indexEpoch;
  }

  /** The arch folder {@code <root>/<arch>} written with {@code key}; packages must verify with it. */
  public static Repository open(Path root, String arch, SigningKey key, Reporter reporter) {
    return new Repository(root, arch, key, reporter, PackageInspector.verifying(TrustedKeys.of(key)),
        DEFAULT_LOCK_WAIT, 0);
  }

  /** The same repository reading packages through {@code other} (tests count reads with it). */
  public Repository withInspector(PackageInspector other) {
    return new Repository(root, folder.arch(), key, reporter, other, lockWait, indexEpoch);
  }

  /** The same repository waiting at most {@code wait} for the lock. */
  public Repository withLockWait(Duration wait) {
    return new Repository(root, folder.arch(), key, reporter, inspector, wait, indexEpoch);
  }

  /** The same repository stamping index tar entries with {@code epoch} ({@code SOURCE_DATE_EPOCH}). */
  public Repository withIndexEpoch(long epoch) {
    return new Repository(root, folder.arch(), key, reporter, inspector, lockWait, epoch);
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
      staged.add(new StagedApk(p, inspector.inspect(p), false));
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
    IndexArchive.Read r = IndexArchive.read(folder.index(), TrustedKeys.of(key));
    if (!r.problems().isEmpty()) {
      throw PkgbuildException.badInput(folder.index() + ": " + String.join("; ", r.problems()));
    }
    return r.index();
  }

  private interface Change {
    void apply(Update u) throws PkgbuildException;
  }

  private PublishResult locked(boolean rebuild, Change change) throws PkgbuildException {
    createFolder();
    try (ArchLock lock = ArchLock.acquire(folder.dir(), lockWait)) {
      Update u = new Update(folder, inspector, reporter);
      if (rebuild) {
        u.rebuildAll(previousDescription());
      } else {
        u.load(TrustedKeys.of(key));
        u.recover();
      }
      change.apply(u);
      PublishResult result = u.commit(key, indexEpoch);
      publishKey();
      return result;
    }
  }

  private String previousDescription() {
    try {
      return IndexArchive.read(folder.index(), TrustedKeys.of(key)).index().description();
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

  /** Writes {@code <root>/<keyname>} when it is missing or different, so consumers can fetch it. */
  private void publishKey() throws PkgbuildException {
    Path pub = root.resolve(key.keyName());
    byte[] pem = key.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
    try {
      if (!Files.isRegularFile(pub) || !java.util.Arrays.equals(Files.readAllBytes(pub), pem)) {
        AtomicFiles.write(pub, pem);
      }
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot publish the public key " + pub + ": " + e.getMessage());
    }
  }
}
