package dev.pkgbuild.builder;

import java.nio.file.Path;
import java.util.List;

/**
 * What a successful build published.
 *
 * @param packages the .apk files, main package first
 * @param index the repository index they were added to
 * @param log the build log kept next to the packages
 */
public record BuildResult(List<Path> packages, Path index, Path log) {
  public BuildResult {
    packages = List.copyOf(packages);
  }
}
