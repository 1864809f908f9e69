package dev.pkgbuild.env;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RepositoryClient} works.
 *
 * @param cacheDir where indexes, fetched keys and packages are kept ({@code --apk-cache-dir};
 *     the command line's default is {@code apk/} in its cache folder, {@code ~/.cache/pkgbuild/apk})
 * @param workDir the folder relative local repositories and keys start from
 * @param offline never touch the network; everything must be in the cache
 * @param auth credentials from {@code HTTP_AUTH}, if any
 * @param maxIndexBytes the largest {@code APKINDEX.tar.gz} accepted
 * @param maxKeyBytes the largest keyring file accepted
 * @param maxPackageBytes the largest package accepted (the index's {@code S:} also bounds each one)
 * @param connectTimeout for opening a connection and for the response headers
 * @param idleTimeout longest wait for more bytes of a body
 * @param objects where repositories of other schemes than http(s) are read ({@code s3://})
 */
public record ClientSettings(Path cacheDir, Path workDir, boolean offline, Optional<HttpAuth> auth,
    long maxIndexBytes, long maxKeyBytes, long maxPackageBytes, Duration connectTimeout, Duration idleTimeout,
    ObjectSource objects) {
  public ClientSettings {
    cacheDir = cacheDir.toAbsolutePath().normalize();
    workDir = workDir.toAbsolutePath().normalize();
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(objects, "objects");
  }

  /** Online, no credentials, limits that fit Wolfi (its index is about 20 MiB). */
  public static ClientSettings of(Path cacheDir, Path workDir) {
    return new ClientSettings(cacheDir, workDir, false, Optional.empty(), 256L << 20, 64L << 10, 4L << 30,
        Duration.ofSeconds(20), Duration.ofSeconds(60), ObjectSource.NONE);
  }

  public ClientSettings offline(boolean value) {
    return new ClientSettings(cacheDir, workDir, value, auth, maxIndexBytes, maxKeyBytes, maxPackageBytes,
        connectTimeout, idleTimeout, objects);
  }

  public ClientSettings auth(Optional<HttpAuth> value) {
    return new ClientSettings(cacheDir, workDir, offline, value, maxIndexBytes, maxKeyBytes, maxPackageBytes,
        connectTimeout, idleTimeout, objects);
  }

  public ClientSettings timeouts(Duration connect, Duration idle) {
    return new ClientSettings(cacheDir, workDir, offline, auth, maxIndexBytes, maxKeyBytes, maxPackageBytes, connect,
        idle, objects);
  }

  public ClientSettings limits(long index, long key, long pkg) {
    return new ClientSettings(cacheDir, workDir, offline, auth, index, key, pkg, connectTimeout, idleTimeout, objects);
  }

  public ClientSettings objects(ObjectSource value) {
    return new ClientSettings(cacheDir, workDir, offline, auth, maxIndexBytes, maxKeyBytes, maxPackageBytes,
        connectTimeout, idleTimeout, value);
  }
}
