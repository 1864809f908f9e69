package dev.pkgbuild.recipe;

/**
 * Switches that turn off generated metadata.
 *
 * @param noProvides no generated provides
 * @param noDepends no generated runtime dependencies
 * @param noCommands no {@code cmd:} provides
 * @param noVersionedShlibDeps no versioned shared-library dependencies
 */
public record PackageOptions(boolean noProvides, boolean noDepends, boolean noCommands, boolean noVersionedShlibDeps) {
  /** All off. */
  public static final PackageOptions NONE = new PackageOptions(false, false, false, false);
}
