package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * A build or test environment (apko image configuration), keeping the parts pkgbuild uses.
 *
 * @param repositories package repositories
 * @param keyring signing keys of the repositories
 * @param packages packages to install
 * @param environment variables, in file order (names checked when read)
 * @param accounts the accounts block as plain values, or null
 * @param other every other key as plain values
 * @param pos where the block starts
 */
public record EnvironmentSpec(List<String> repositories, List<String> keyring, List<Text> packages,
    Map<String, Text> environment, Object accounts, Map<String, Object> other, SourcePos pos) {
  /** Copies the collections. */
  public EnvironmentSpec {
    repositories = List.copyOf(repositories);
    keyring = List.copyOf(keyring);
    packages = List.copyOf(packages);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    other = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(other));
  }

  /** An empty environment at {@code pos}. */
  public static EnvironmentSpec empty(SourcePos pos) {
    return new EnvironmentSpec(List.of(), List.of(), List.of(), Map.of(), null, Map.of(), pos);
  }
}
