package dev.pkgbuild.builder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code pkgbuild image} run, resolved by the CLI.
 *
 * @param config the apko image configuration
 * @param output the OCI image layout folder to write
 * @param tarball a {@code docker load} tarball to write as well, or null
 * @param tag the tag ({@code name:tag}) for the layout's {@code ref.name} and the tarball
 * @param lockfile a lock to install exactly, or null to resolve (and write {@code IMAGE.lock.json})
 * @param perPackageLayers one layer per package instead of one for the whole root
 * @param environment repositories, keys and packages the command line adds, and the caches
 * @param namespace the purl namespace of the packages in the SBOM, or null
 * @param offline take indexes and packages from the cache only
 * @param epoch SOURCE_DATE_EPOCH: created, history and every file's mtime
 * @param tempRoot where roots are installed while the image is written
 */
public record ImageRequest(Path config, Path output, Path tarball, String tag, Path lockfile,
    boolean perPackageLayers, EnvironmentOptions environment, String namespace, boolean offline, long epoch,
    Path tempRoot) {
  public ImageRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(environment, "environment");
    tag = tag == null || tag.isBlank() ? "latest" : tag;
  }
}
