package dev.pkgbuild.env;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an environment is to hold and where it comes from, as apk is told on its command line.
 *
 * @param repositories repository lines, {@code URL}, {@code PATH} or {@code @tag URL}, in search order
 * @param keyring public key entries, paths or http(s) URLs
 * @param packages the world: atoms such as {@code build-base}, {@code so:libz.so.1}, {@code foo>=1.2}
 * @param arch the apk architecture
 * @param allowUntrusted accept indexes no key of the keyring signed (apk's {@code --allow-untrusted})
 */
public record EnvironmentRequest(List<String> repositories, List<String> keyring, List<String> packages, String arch,
    boolean allowUntrusted) {
  /** Copies the lists, keeping the first of repeated entries. */
  public EnvironmentRequest {
    repositories = repositories.stream().distinct().toList();
    keyring = keyring.stream().distinct().toList();
    packages = packages.stream().distinct().toList();
    Objects.requireNonNull(arch, "arch");
  }

  /**
   * The world as dependency atoms.
   *
   * @throws PkgbuildException naming an atom that does not parse
   */
  public List<Dependency> world() throws PkgbuildException {
    List<Dependency> world = new ArrayList<>();
    for (String atom : packages) {
      world.add(Dependency.parse(atom));
    }
    return world;
  }

  /** Whether there is anything to install from: with no repositories the host toolchain stands in. */
  public boolean hasRepositories() {
    return !repositories.isEmpty();
  }
}
