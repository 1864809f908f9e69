package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a consumer of a repository needs, read from the repository itself: its public keys
 * (at the root), its arches (folders with a verified index) and its package names.
 *
 * @param location the repository root as shown: a folder's absolute path, or an {@code s3://} URL
 * @param keyNames the {@code *.rsa.pub} files at the root, sorted
 * @param arches arch folders holding an index, sorted
 * @param packages package names over all arches, sorted
 * @param url where the root is served, without a final slash
 */
public record RepoInfo(String location, List<String> keyNames, List<String> arches, List<String> packages, String url) {
  /** The Wolfi base image the Dockerfile snippet starts from. */
  public static final String BASE_IMAGE = "cgr.dev/chainguard/wolfi-base";

  /** Copies the lists and drops a trailing slash from the URL. */
  public RepoInfo {
    keyNames = List.copyOf(keyNames);
    arches = List.copyOf(arches);
    packages = List.copyOf(packages);
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * Reads {@code root}: keys at the top, one verified index per arch folder.
   *
   * @throws PkgbuildException (bad input) when it is not a repository or an index does not verify
   */
  public static RepoInfo read(Path root, String url) throws PkgbuildException {
    return read(root, url, root.toAbsolutePath().normalize().toString());
  }

  /**
   * Reads {@code root} as {@link #read(Path, String)} does, shown as {@code location} (where
   * its files were copied from, such as {@code s3://BUCKET/PREFIX}).
   */
  public static RepoInfo read(Path root, String url, String location) throws PkgbuildException {
    List<String> keys = list(root, p -> p.getFileName().toString().endsWith(".rsa.pub") && Files.isRegularFile(p));
    List<String> arches = list(root, p -> Files.isRegularFile(p.resolve(ArchFolder.INDEX))
        && !p.getFileName().toString().startsWith("."));
    if (arches.isEmpty()) {
      throw PkgbuildException.badInput(location + ": not a repository (no <arch>/" + ArchFolder.INDEX + " in it)");
    }
    if (keys.isEmpty()) {
      throw PkgbuildException.badInput(location + ": no public key (*.rsa.pub) at the repository root;"
          + " publishing puts it there");
    }
    TreeSet<String> names = new TreeSet<>();
    for (String arch : arches) {
      Path index = root.resolve(arch).resolve(ArchFolder.INDEX);
      IndexArchive.Read r = IndexArchive.read(index, TrustedKeys.in(root));
      if (!r.problems().isEmpty()) {
        throw PkgbuildException.badInput(location + "/" + arch + "/" + ArchFolder.INDEX + ": "
            + String.join("; ", r.problems()));
      }
      r.index().entries().stream().map(IndexEntry::name).forEach(names::add);
    }
    return new RepoInfo(location, keys, arches, List.copyOf(names), url);
  }

  private static List<String> list(Path root, java.util.function.Predicate<Path> keep) throws PkgbuildException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(keep).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw PkgbuildException.badInput(root + ": not a repository folder (" + e.getMessage() + ")");
    }
  }

  /** The line for {@code /etc/apk/repositories}; apk appends {@code /<arch>/APKINDEX.tar.gz}. */
  public String repositoriesLine() {
    return url;
  }

  /** Where a key is served. */
  public String keyUrl(String keyName) {
    return url + "/" + keyName;
  }

  /** The whole text {@code pkgbuild repo-info} prints. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("repository: ").append(location).append('\n');
    b.append("arches: ").append(String.join(" ", arches)).append('\n');
    for (String k : keyNames) {
      b.append("public key: ").append(location).append('/').append(k)
          .append(" (served at ").append(keyUrl(k)).append(")\n");
    }
    b.append("packages: ").append(packages.size()).append("\n\n");
    b.append("# /etc/apk/repositories\n").append(repositoriesLine()).append("\n\n");
    b.append("# Dockerfile\n").append(dockerfile()).append('\n');
    b.append("# apko\n").append(apko()).append('\n');
    b.append("# pkgbuild image IMAGE.yaml --output out/image (these packages on Wolfi's base, as nonroot)\n")
        .append(image());
    return b.toString();
  }

  /** A whole image configuration for {@code pkgbuild image}: Wolfi's base, these packages, Wolfi's nonroot user. */
  public String image() {
    StringBuilder b = new StringBuilder("contents:\n  repositories:\n    - https://packages.wolfi.dev/os\n    - ")
        .append(repositoriesLine()).append('\n');
    b.append("  keyring:\n    - https://packages.wolfi.dev/os/wolfi-signing.rsa.pub\n");
    keyNames.forEach(k -> b.append("    - ").append(keyUrl(k)).append('\n'));
    b.append("  packages:\n    - wolfi-baselayout\n");
    packages.forEach(p -> b.append("    - ").append(p).append('\n'));
    b.append("accounts:\n  groups:\n    - groupname: nonroot\n      gid: 65532\n");
    b.append("  users:\n    - username: nonroot\n      uid: 65532\n      gid: 65532\n  run-as: nonroot\n");
    b.append("work-dir: /home/nonroot\narchs:\n");
    arches.forEach(a -> b.append("  - ").append(a).append('\n'));
    return b.toString();
  }

  /** A Dockerfile that trusts the key, adds the repository and installs every package. */
  public String dockerfile() {
    StringBuilder b = new StringBuilder("FROM ").append(BASE_IMAGE).append('\n');
    for (String k : keyNames) {
      b.append("ADD ").append(keyUrl(k)).append(" /etc/apk/keys/").append(k).append('\n');
    }
    b.append("RUN echo '").append(repositoriesLine()).append("' >> /etc/apk/repositories && \\\n");
    b.append("    apk add --no-cache ").append(String.join(" ", packages)).append('\n');
    return b.toString();
  }

  /** The {@code contents:} block of an apko image configuration. */
  public String apko() {
    StringBuilder b = new StringBuilder("contents:\n  repositories:\n    - ").append(repositoriesLine()).append('\n');
    b.append("  keyring:\n");
    keyNames.forEach(k -> b.append("    - ").append(keyUrl(k)).append('\n'));
    b.append("  packages:\n");
    packages.forEach(p -> b.append("    - ").append(p).append('\n'));
    b.append("archs:\n");
    arches.forEach(a -> b.append("  - ").append(a).append('\n'));
    return b.toString();
  }
}
