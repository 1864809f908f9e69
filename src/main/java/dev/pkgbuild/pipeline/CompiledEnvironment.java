package dev.pkgbuild.pipeline;

import java.util.List;
import java.util.Map;

/**
 * A build or test environment after substitution.
 *
 * @param packages packages to install, sorted and deduplicated, including steps' needs
 * @param repositories repositories
 * @param keyring repository keys
 * @param environment variables, sorted by name
 * @param accounts the accounts block as plain values, or null
 */
public record CompiledEnvironment(List<String> packages, List<String> repositories, List<String> keyring,
    Map<String, String> environment, Object accounts) {
  /** Copies the collections. */
  public CompiledEnvironment {
    packages = List.copyOf(packages);
    repositories = List.copyOf(repositories);
    keyring = List.copyOf(keyring);
    environment = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(environment));
  }
}
