package dev.pkgbuild.sca;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One package of a build as the analyzer sees it: its staging folder and the recipe
 * options and declarations that shape the generated metadata.
 *
 * @param name package name, e.g. {@code libfoo}
 * @param fullVersion version with epoch, e.g. {@code 1.2-r0}
 * @param root the staging folder holding the package's files
 * @param noProvides recipe option {@code no-provides}: no generated provides
 * @param noDepends recipe option {@code no-depends}: no generated runtime dependencies
 * @param noCommands recipe option {@code no-commands}: no generated {@code cmd:} provides
 * @param declaredRuntime {@code dependencies.runtime} from the recipe
 * @param declaredProvides {@code dependencies.provides} from the recipe
 */
public record PackageTree(String name, String fullVersion, Path root, boolean noProvides, boolean noDepends,
    boolean noCommands, List<String> declaredRuntime, List<String> declaredProvides) {
  public PackageTree {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fullVersion, "fullVersion");
    Objects.requireNonNull(root, "root");
    declaredRuntime = List.copyOf(declaredRuntime);
    declaredProvides = List.copyOf(declaredProvides);
  }

  /** A package with no options and no declarations. */
  public static PackageTree of(String name, String fullVersion, Path root) {
    return new PackageTree(name, fullVersion, root, false, false, false, List.of(), List.of());
  }
}
