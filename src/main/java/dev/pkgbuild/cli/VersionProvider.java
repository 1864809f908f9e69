package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints {@code pkgbuild <version>} for --version on every command. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"pkgbuild " + PkgbuildVersion.get()};
  }
}
