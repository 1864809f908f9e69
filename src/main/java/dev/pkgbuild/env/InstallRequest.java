package dev.pkgbuild.env;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to install into a fresh root, and the {@code /etc/apk} it is described by.
 *
 * @param packages the packages in install order (dependencies first)
 * @param world the requested atoms, written to {@code etc/apk/world}
 * @param repositories repository lines ({@code URL} or {@code @tag URL}) for
 *     {@code etc/apk/repositories}; empty: the file is not written, as with {@code apk --initdb}
 * @param keys public key files copied into {@code etc/apk/keys/} under their own names
 * @param arch the apk architecture for {@code etc/apk/arch}
 * @param epoch Unix seconds given to directories, links and the files the installer writes
 */
public record InstallRequest(List<VerifiedPackage> packages, List<String> world, List<String> repositories,
    List<Path> keys, String arch, long epoch) {
  /** Copies the lists. */
  public InstallRequest {
    packages = List.copyOf(packages);
    world = List.copyOf(world);
    repositories = List.copyOf(repositories);
    keys = List.copyOf(keys);
    Objects.requireNonNull(arch, "arch");
  }
}
