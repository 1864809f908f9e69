package dev.pkgbuild.env;

import dev.pkgbuild.archive.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * An environment whose packages are chosen: the resolution, and the repositories and keys
 * its {@code /etc/apk} will name.
 *
 * @param request what was asked for
 * @param repositories the parsed repository lines, in order
 * @param keyFiles the keyring's public key files (fetched ones from the cache), by trust name
 * @param keyDigests the SHA-256 of each key file, in the order of {@code keyFiles}
 * @param resolution the packages in install order
 */
public record ResolvedEnvironment(EnvironmentRequest request, List<RepositoryLine> repositories, List<Path> keyFiles,
    List<String> keyDigests, Resolution resolution) {
  public ResolvedEnvironment {
    repositories = List.copyOf(repositories);
    keyFiles = List.copyOf(keyFiles);
    keyDigests = List.copyOf(keyDigests);
  }

  /**
   * The identity of the root this environment installs to: the SHA-256 of everything the root's
   * bytes depend on (arch, world, repository lines, key names and contents, and each package's
   * name, version and {@code C:} checksum in install order). Equal ids give equal roots.
   */
  public String id() {
    StringBuilder sb = new StringBuilder("pkgbuild-root-v1\n").append(request.arch()).append('\n');
    for (String atom : Installer.world(request.packages())) {
      sb.append("world ").append(atom).append('\n');
    }
    for (RepositoryLine r : repositories) {
      sb.append("repository ").append(r).append('\n');
    }
    for (int i = 0; i < keyFiles.size(); i++) {
      sb.append("key ").append(keyFiles.get(i).getFileName()).append(' ').append(keyDigests.get(i)).append('\n');
    }
    for (ResolvedPackage p : resolution.packages()) {
      sb.append("package ").append(p.displayName()).append(' ').append(p.entry().version()).append(' ')
          .append(p.entry().checksum()).append('\n');
    }
    return Digests.hex(Digests.of("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code name-version} of each package, in install order (what SBOMs and inputs records list). */
  public List<String> packageList() {
    return resolution.packages().stream().map(ResolvedPackage::nameVersion).toList();
  }

  /** The repository line {@code index} was read from. */
  public RepositoryLine lineOf(RepositoryIndex index) {
    for (RepositoryLine line : repositories) {
      if (line.display().equals(index.location()) && java.util.Objects.equals(line.tag(), index.tag())) {
        return line;
      }
    }
    throw new IllegalStateException("no repository line for " + index.location());
  }
}
