package dev.pkgbuild.builder;

import dev.pkgbuild.env.HttpAuth;
import dev.pkgbuild.env.ObjectSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line adds to every recipe's build environment, and where environments are
 * kept, as melange takes them ({@code -r}, {@code -k}, {@code --package-append}).
 *
 * @param repositories repository lines appended to the recipe's
 * @param keyring key entries (paths or URLs) appended to the recipe's
 * @param packages atoms appended to the recipe's packages
 * @param apkCacheDir where indexes, fetched keys and packages are cached
 * @param rootsDir where installed roots are kept by the id of their package set
 * @param allowUntrusted accept indexes no key of the keyring signed
 * @param auth credentials from {@code HTTP_AUTH}, if any
 * @param objects how {@code s3://} repositories are read
 */
public record EnvironmentOptions(List<String> repositories, List<String> keyring, List<String> packages,
    Path apkCacheDir, Path rootsDir, boolean allowUntrusted, Optional<HttpAuth> auth,
    ObjectSource objects) {
  public EnvironmentOptions {
    repositories = List.copyOf(repositories);
    keyring = List.copyOf(keyring);
    packages = List.copyOf(packages);
    Objects.requireNonNull(apkCacheDir, "apkCacheDir");
    Objects.requireNonNull(rootsDir, "rootsDir");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(objects, "objects");
  }

  /** Nothing appended; the caches under {@code cacheDir}. */
  public static EnvironmentOptions defaults(Path cacheDir) {
    return new EnvironmentOptions(List.of(), List.of(), List.of(), cacheDir.resolve("apk"), cacheDir.resolve("roots"),
        false, Optional.empty(), ObjectSource.NONE);
  }
}
