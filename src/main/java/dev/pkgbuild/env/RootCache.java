package dev.pkgbuild.env;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Installed roots kept by the {@link ResolvedEnvironment#id() id} of their package set, so a
 * build whose environment resolves as an earlier one did reuses that root as it is: no copy, no
 * install. A root is installed into a private folder beside the cache and renamed into place
 * whole, so a root under its id is always complete, even when two builds race to make it.
 * Roots are only ever read (the sandbox mounts them as the read-only layer of an overlay).
 */
public final class RootCache {
  /** Unix seconds on the folders and generated files of every cached root: one set, one root. */
  static final long ROOT_EPOCH = 0;

  private final Path dir;

  /** A cache in {@code dir} (created on first use). */
  public RootCache(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * A root ready to use.
   *
   * @param path the folder holding the root
   * @param id the resolved set's id, the folder's name
   * @param hit whether it was already there
   * @param installed what the install did on a miss, else null
   */
  public record CachedRoot(Path path, String id, boolean hit, InstallResult installed) {}

  /** What is done to a freshly installed root before it enters the cache (e.g. the sandbox's ownership). */
  @FunctionalInterface
  public interface Preparer {
    Preparer NONE = root -> {};

    void prepare(Path root) throws PkgbuildException;
  }

  /** Where the root of {@code env} lives, whether or not it exists yet. */
  public Path pathOf(ResolvedEnvironment env) {
    return dir.resolve(env.id());
  }

  /**
   * The root of {@code env}: the cached one, or one installed now from packages {@code envs}
   * fetches.
   *
   * @throws PkgbuildException when a package cannot be fetched or installed, or the cache folder is unusable
   */
  public CachedRoot root(ResolvedEnvironment env, Environments envs) throws PkgbuildException {
    return root(env, envs, Preparer.NONE);
  }

  /**
   * As {@link #root(ResolvedEnvironment, Environments)}, with {@code preparer} run on a new root
   * before it is renamed into place, so a cached root is always a prepared one.
   */
  public CachedRoot root(ResolvedEnvironment env, Environments envs, Preparer preparer) throws PkgbuildException {
    String id = env.id();
    Path target = dir.resolve(id);
    if (Files.isDirectory(target)) {
      return new CachedRoot(target, id, true, null);
    }
    List<VerifiedPackage> packages = envs.fetch(env);
    Path temp;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempDirectory(dir, ".install-" + id.substring(0, 12) + "-");
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot use the root cache " + dir + ": " + e.getMessage());
    }
    try {
      InstallResult result = Installer.install(temp, Environments.installRequest(env, packages, ROOT_EPOCH));
      // Readable and searchable by all: the sandbox may run as another uid than the one installing.
      Files.setAttribute(temp, "unix:mode", 0755);
      preparer.prepare(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
        FileTrees.deleteQuietly(temp);
        return new CachedRoot(target, id, true, null);
      } catch (AtomicMoveNotSupportedException e) {
        throw PkgbuildException.environment("cannot rename into the root cache " + dir + ": " + e.getMessage());
      }
      return new CachedRoot(target, id, false, result);
    } catch (IOException e) {
      FileTrees.deleteQuietly(temp);
      throw PkgbuildException.environment("cannot finish root " + id + " in " + dir + ": " + e.getMessage());
    } catch (PkgbuildException | RuntimeException e) {
      FileTrees.deleteQuietly(temp);
      throw e;
    }
  }
}
