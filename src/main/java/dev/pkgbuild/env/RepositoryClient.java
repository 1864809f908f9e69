package dev.pkgbuild.env;

import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fetches what a build environment needs from APK repositories: keyrings, indexes (checked
 * against the keyring) and packages (checked against their index), keeping remote ones in a
 * {@link ClientCache}. Local repositories are read in place and never copied.
 */
public final class RepositoryClient {
  private static final String INDEX = "APKINDEX.tar.gz";
  static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+~-]*");

  private final ClientSettings settings;
  private final Reporter reporter;
  private final ClientCache cache;
  private final RemoteFetch remote;
  private final PackageFetch packages;

  public RepositoryClient(ClientSettings settings, Reporter reporter) {
    this.settings = settings;
    this.reporter = reporter;
    this.cache = new ClientCache(settings.cacheDir());
    this.remote = new RemoteFetch(settings);
    this.packages = new PackageFetch(settings, reporter, cache, remote);
  }

  /**
   * The keys of a keyring whose entries are paths (relative to the work folder) or http(s)
   * URLs, each trusted under its file name, as apk stores them in {@code etc/apk/keys/}.
   *
   * @throws PkgbuildException naming the entry that is missing, not an RSA public key, or
   *     (offline) not in the cache
   */
  public TrustedKeys keyring(List<String> entries) throws PkgbuildException {
    return TrustedKeys.files(keyFiles(entries));
  }

  /**
   * The files of a keyring (see {@link #keyring}): local ones in place, fetched ones in the
   * cache, each checked to be an RSA public key; the order of {@code entries}.
   */
  public List<Path> keyFiles(List<String> entries) throws PkgbuildException {
    List<Path> files = new ArrayList<>();
    for (String entry : entries) {
      String lower = entry.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        URI uri = keyUri(entry);
        files.add(keyFile(uri, uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1)));
      } else {
        Path p = new RepositoryLine(null, entry).folder(settings.workDir());
        if (!Files.isRegularFile(p)) {
          throw PkgbuildException.badInput("keyring entry " + entry + ": no such file");
        }
        files.add(p);
      }
    }
    return files;
  }

  /**
   * The index of {@code repo} for {@code arch}, its signature checked with {@code keys}. A
   * local repository without an index for {@code arch} gives an empty index and a warning
   * (a {@code -r ./packages} before the first build); a remote one without it is an error.
   *
   * @throws PkgbuildException when the index cannot be fetched, is too large, is not signed
   *     by a key of the keyring, or (offline) is not in the cache
   */
  public RepositoryIndex index(RepositoryLine repo, String arch, TrustedKeys keys) throws PkgbuildException {
    return index(repo, arch, keys, false);
  }

  /**
   * The index of {@code repo} as {@link #index(RepositoryLine, String, TrustedKeys)} reads it,
   * but with {@code allowUntrusted} an unsigned index or one no key of {@code keys} signed is
   * accepted (with a warning), as {@code apk --allow-untrusted} accepts it.
   */
  public RepositoryIndex index(RepositoryLine repo, String arch, TrustedKeys keys, boolean allowUntrusted)
      throws PkgbuildException {
    IndexArchive.Read read;
    if (repo.remote()) {
      URI uri = URI.create(repo.join(arch, INDEX));
      read = fetched("indexes", uri, INDEX, settings.maxIndexBytes(),
          (f, shown) -> verifiedIndex(f, shown, keys, allowUntrusted));
      if (read == null) {
        // Object storage before its first publish, as a -r ./packages folder before the first build.
        reporter.warn("repository " + repo.display() + " has no index for " + arch + " yet, skipped");
        return new RepositoryIndex(repo.display(), repo.tag(), List.of());
      }
    } else {
      Path file = repo.folder(settings.workDir()).resolve(arch).resolve(INDEX);
      if (!Files.isRegularFile(file)) {
        reporter.warn("repository " + repo.display() + " has no index for " + arch + " (" + file + "), skipped");
        return new RepositoryIndex(repo.display(), repo.tag(), List.of());
      }
      read = verifiedIndex(Bounds.size(file, settings.maxIndexBytes(), file.toString()), file.toString(), keys,
          allowUntrusted);
    }
    if (allowUntrusted && read.signature() != dev.pkgbuild.sign.VerifyResult.OK) {
      reporter.warn("repository " + repo.display() + ": index not signed by a trusted key, used as --allow-untrusted says");
    }
    return new RepositoryIndex(repo.display(), repo.tag(), read.index().entries());
  }

  /**
   * The package {@code entry} of {@code repo}, checked against the index (see {@link PackageFetch}).
   *
   * @param arch the index's architecture, used when the entry names none
   * @return the file: in the cache for a remote repository, in place for a local one
   * @throws PkgbuildException when it cannot be fetched, is larger than {@code S:} or the
   *     limit, does not match, or (offline) is not in the cache
   */
  public Path fetch(RepositoryLine repo, String arch, IndexEntry entry) throws PkgbuildException {
    return packages.fetch(repo, arch, entry);
  }

  /** Whether {@link #fetch} of {@code entry} would download: a remote repository's package not in the cache. */
  public boolean needsDownload(RepositoryLine repo, IndexEntry entry) {
    return repo.remote() && !Files.isRegularFile(cache.pkg(entry.checksum()));
  }

  /** Says how much is to be downloaded before the first download starts. */
  void announce(int count, long bytes) {
    reporter.info("fetching " + count + " package" + (count == 1 ? "" : "s") + " (" + mib(bytes) + ")");
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  private static URI keyUri(String entry) throws PkgbuildException {
    String shown = RepositoryLine.redact(entry);
    try {
      URI uri = new URI(entry);
      String path = uri.getPath() == null ? "" : uri.getPath();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (uri.getHost() == null || !SAFE_NAME.matcher(name).matches()) {
        throw PkgbuildException.badInput("keyring entry " + shown + ": not a url of a key file");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw PkgbuildException.badInput("keyring entry " + shown + ": not a valid url: " + e.getReason());
    }
  }

  /** Reads and checks a fetched file, for use or before it enters the cache. */
  @FunctionalInterface
  private interface Check<T> {
    T read(Path file, String shown) throws PkgbuildException;
  }

  /**
   * The cached copy of {@code uri}, refreshed with a conditional request when online, and
   * what {@code check} made of it. A download enters the cache only after it passed
   * {@code check}; a cached copy passes it again on every use (the keyring may have changed).
   */
  private <T> T fetched(String kind, URI uri, String fileName, long max, Check<T> check) throws PkgbuildException {
    String shown = RepositoryLine.redact(uri.toString());
    Path file = cache.fetched(kind, shown, fileName);
    if (settings.offline()) {
      if (!Files.isRegularFile(file)) {
        throw missing(shown);
      }
      return check.read(Bounds.size(file, max, shown), shown);
    }
    RemoteFetch.Validators known = cache.validators(file);
    Path temp = cache.temp(file);
    try {
      reporter.info("fetch " + shown);
      RemoteFetch.Outcome o = remote.get(uri, known, max, temp);
      if (o.missing()) {
        return null;
      }
      if (o.notModified()) {
        reporter.detail(shown + " not modified");
        return check.read(Bounds.size(file, max, shown), shown);
      }
      Bounds.expansion(temp, max, shown);
      T value = check.read(temp, shown);
      cache.publish(temp, file, shown, o.validators());
      reporter.detail("fetched " + shown + " (" + o.bytes() + " bytes)");
      return value;
    } finally {
      deleteQuietly(temp);
    }
  }

  private static IndexArchive.Read verifiedIndex(Path file, String shown, TrustedKeys keys, boolean allowUntrusted)
      throws PkgbuildException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw PkgbuildException.badInput(shown + ": " + e.getMessage());
    }
    IndexArchive.Read read = IndexArchive.read(bytes, keys, shown);
    List<String> problems = allowUntrusted ? read.problemsAllowingUntrusted() : read.problems();
    if (!problems.isEmpty()) {
      throw PkgbuildException.badInput(shown + ": " + String.join("; ", problems));
    }
    return read;
  }

  /** The key file as it will be trusted: a download is parsed before it enters the cache. */
  private Path keyFile(URI uri, String name) throws PkgbuildException {
    Path file = cache.fetched("keys", RepositoryLine.redact(uri.toString()), name);
    fetched("keys", uri, name, settings.maxKeyBytes(), (f, shown) -> {
      try {
        TrustedKeys.loadPublicKey(f);
      } catch (PkgbuildException e) {
        throw renamed(e, f, shown);
      }
      return f;
    });
    return file;
  }

  /** The same failure naming {@code shown} in place of {@code file}, a temp or cache path the user never gave. */
  static PkgbuildException renamed(PkgbuildException e, Path file, String shown) {
    String m = e.getMessage();
    return PkgbuildException.badInput(m.startsWith(file.toString())
        ? shown + m.substring(file.toString().length()) : shown + ": " + m);
  }

  static PkgbuildException missing(String shown) {
    return PkgbuildException.failed("offline: " + shown + " is not in the apk cache");
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // A leftover .part file is harmless; the next download makes its own.
    }
  }
}
