package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkContents;
import dev.pkgbuild.apk.ApkReader;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Gets one package of an index and checks it before use: the SHA-1 of its control member must
 * be the index's {@code C:}, and the SHA-256 of its data the {@code datahash} in that control
 * member. The package's own signature is not checked, as apk does not check it for repository
 * packages: the signed index vouches for {@code C:}, {@code C:} for the control member, the
 * control member for the data. Following apk here also means a package signed by a key the
 * user never added is still accepted when its index is trusted, as apk accepts it.
 */
final class PackageFetch {
  private static final Pattern Q1 = Pattern.compile("Q1[A-Za-z0-9+/]{27}=");

  private final ClientSettings settings;
  private final Reporter reporter;
  private final ClientCache cache;
  private final RemoteFetch remote;

  PackageFetch(ClientSettings settings, Reporter reporter, ClientCache cache, RemoteFetch remote) {
    this.settings = settings;
    this.reporter = reporter;
    this.cache = cache;
    this.remote = remote;
  }

  Path fetch(RepositoryLine repo, String arch, IndexEntry entry) throws PkgbuildException {
    String where = entry.arch() == null || entry.arch().isEmpty() ? arch : entry.arch();
    checkNames(repo, where, entry);
    long max = entry.fileSize() > 0 ? Math.min(entry.fileSize(), settings.maxPackageBytes()) : settings.maxPackageBytes();
    if (!repo.remote()) {
      Path file = repo.folder(settings.workDir()).resolve(where).resolve(entry.fileName());
      return checkControl(Bounds.size(file, max, file.toString()), entry, file.toString());
    }
    URI uri = URI.create(repo.join(where, entry.fileName()));
    String shown = RepositoryLine.redact(uri.toString());
    Path cached = cache.pkg(entry.checksum());
    if (Files.isRegularFile(cached)) {
      try {
        return checkControl(cached, entry, shown);
      } catch (PkgbuildException e) {
        reporter.warn("cached " + cached + " is damaged (" + e.getMessage() + "), fetching it again");
      }
    }
    if (settings.offline()) {
      throw RepositoryClient.missing(shown);
    }
    return download(uri, shown, max, entry, cached);
  }

  /** The names become a path or URL: those of a (signed, but foreign) index must not climb out. */
  private static void checkNames(RepositoryLine repo, String where, IndexEntry entry) throws PkgbuildException {
    String id = entry.name() + "-" + entry.version();
    if (entry.checksum() == null || !Q1.matcher(entry.checksum()).matches()) {
      throw PkgbuildException.badInput(id + " in " + repo.display() + ": unexpected checksum format '"
          + entry.checksum() + "' (apk's is Q1 and base64 SHA-1)");
    }
    if (!RepositoryClient.SAFE_NAME.matcher(where).matches()
        || !RepositoryClient.SAFE_NAME.matcher(entry.fileName()).matches()) {
      throw PkgbuildException.badInput(id + " in " + repo.display() + ": unsafe file name '" + where + "/"
          + entry.fileName() + "'");
    }
  }

  private Path download(URI uri, String shown, long max, IndexEntry entry, Path cached) throws PkgbuildException {
    Path temp = cache.temp(cached);
    try {
      reporter.info("fetch " + shown + " (" + RepositoryClient.mib(entry.fileSize()) + ")");
      RemoteFetch.Outcome o = remote.get(uri, RemoteFetch.Validators.NONE, max, temp);
      if (o.missing()) {
        throw PkgbuildException.failed("cannot fetch " + shown + ": no such object, though the index lists it");
      }
      check(temp, entry, shown);
      cache.publish(temp, cached);
      reporter.detail("fetched " + shown + " (" + o.bytes() + " bytes)");
      return cached;
    } finally {
      RepositoryClient.deleteQuietly(temp);
    }
  }

  /**
   * The quick check for a file already on disk (a local repository, or the cache, where only a
   * fully checked download is put): its control member hashes to the index's {@code C:}. The data
   * member's hash is in that control member, and the installer checks the data against it as it
   * unpacks, so reading the whole package twice would buy nothing.
   */
  private static Path checkControl(Path file, IndexEntry entry, String shown) throws PkgbuildException {
    String actual;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      actual = ControlMember.identity(in);
    } catch (IOException e) {
      throw PkgbuildException.badInput(shown + ": not a readable package: " + e.getMessage());
    }
    if (!actual.equals(entry.checksum())) {
      throw PkgbuildException.badInput(shown + ": control checksum " + actual + " does not match the index ("
          + entry.checksum() + ")");
    }
    return file;
  }

  /** The full check of a download, before it enters the cache: control checksum, structure and data hash. */
  private static Path check(Path file, IndexEntry entry, String shown) throws PkgbuildException {
    ApkContents c;
    try {
      c = ApkReader.read(file);
    } catch (PkgbuildException e) {
      throw RepositoryClient.renamed(e, file, shown);
    }
    if (!c.identity().equals(entry.checksum())) {
      throw PkgbuildException.badInput(shown + ": control checksum " + c.identity()
          + " does not match the index (" + entry.checksum() + ")");
    }
    String declared = c.info().datahash();
    if (declared == null || !declared.equalsIgnoreCase(c.actualDatahash())) {
      throw PkgbuildException.badInput(shown + ": data hash " + c.actualDatahash()
          + " does not match the datahash in .PKGINFO (" + declared + ")");
    }
    return file;
  }
}
