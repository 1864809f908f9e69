package dev.pkgbuild.env;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps from an {@link EnvironmentRequest} to packages ready to install: the keyring, each
 * repository's index, the resolution, and the verified package files.
 */
public final class Environments {
  private final RepositoryClient client;

  public Environments(RepositoryClient client) {
    this.client = client;
  }

  /**
   * Reads the keyring and indexes and resolves the world.
   *
   * @throws PkgbuildException naming the repository, key or constraint that fails
   */
  public ResolvedEnvironment resolve(EnvironmentRequest request) throws PkgbuildException {
    return resolve(request, null, null);
  }

  /**
   * As {@link #resolve(EnvironmentRequest)}, held to {@code lock} when it is not null: exactly the
   * packages it names, or an error saying how it and the request part.
   *
   * @param lockName the lock file, for messages
   */
  public ResolvedEnvironment resolve(EnvironmentRequest request, LockFile lock, String lockName)
      throws PkgbuildException {
    return resolve(request, lock, lockName, (line, entry) -> true);
  }

  /** Which index entries a resolution may use, e.g. packages of the names just built only from where they were built. */
  @FunctionalInterface
  public interface EntryFilter {
    boolean keep(RepositoryLine line, dev.pkgbuild.apk.IndexEntry entry);
  }

  /** As {@link #resolve(EnvironmentRequest, LockFile, String)}, each index first narrowed by {@code filter}. */
  public ResolvedEnvironment resolve(EnvironmentRequest request, LockFile lock, String lockName, EntryFilter filter)
      throws PkgbuildException {
    List<RepositoryLine> lines = new ArrayList<>();
    for (String r : request.repositories()) {
      lines.add(RepositoryLine.parse(r));
    }
    List<Path> keyFiles = client.keyFiles(request.keyring());
    TrustedKeys keys = TrustedKeys.files(keyFiles);
    List<RepositoryIndex> indexes = new ArrayList<>();
    for (RepositoryLine line : lines) {
      RepositoryIndex index = client.index(line, request.arch(), keys, request.allowUntrusted());
      indexes.add(new RepositoryIndex(index.location(), index.tag(),
          index.entries().stream().filter(e -> filter.keep(line, e)).toList()));
    }
    Resolution resolution;
    if (lock != null) {
      resolution = Locks.resolve(indexes, request, lock, lockName);
    } else {
      resolution = Resolver.resolve(indexes, request.world(), request.arch());
    }
    return new ResolvedEnvironment(request, lines, keyFiles, digests(keyFiles), resolution);
  }

  /**
   * Fetches (or finds in the cache) and checks every package of {@code env}, in install order.
   *
   * @throws PkgbuildException naming the package that cannot be fetched or does not match its index
   */
  public List<VerifiedPackage> fetch(ResolvedEnvironment env) throws PkgbuildException {
    List<VerifiedPackage> out = new ArrayList<>();
    int downloads = 0;
    long bytes = 0;
    for (ResolvedPackage p : env.resolution().packages()) {
      if (client.needsDownload(env.lineOf(p.repository()), p.entry())) {
        downloads++;
        bytes += p.entry().fileSize();
      }
    }
    if (downloads > 0) {
      client.announce(downloads, bytes);
    }
    for (ResolvedPackage p : env.resolution().packages()) {
      RepositoryLine line = env.lineOf(p.repository());
      Path file = client.fetch(line, env.request().arch(), p.entry());
      out.add(new VerifiedPackage(file, p.entry(), p.repository().tag()));
    }
    return out;
  }

  /** The install request that makes the root of {@code env} from {@code packages}. */
  public static InstallRequest installRequest(ResolvedEnvironment env, List<VerifiedPackage> packages, long epoch) {
    List<String> repos = env.repositories().stream().map(RepositoryLine::toString).toList();
    return new InstallRequest(packages, env.request().packages(), repos, env.keyFiles(), env.request().arch(), epoch);
  }

  private static List<String> digests(List<Path> files) throws PkgbuildException {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(Digests.hex(Digests.of("SHA-256").digest(Files.readAllBytes(f))));
      } catch (IOException e) {
        throw PkgbuildException.badInput("cannot read key " + f + ": " + e.getMessage());
      }
    }
    return out;
  }
}
