package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.recipe.Arch;

/** The architecture to build for: the one asked for, else the machine's own. */
public final class Hosts {
  private Hosts() {}

  public static Arch arch(String requested) throws PkgbuildException {
    if (requested != null) {
      return Arch.parse(requested);
    }
    String os = System.getProperty("os.arch", "");
    Arch a = Arch.find(os);
    if (a == null) {
      throw PkgbuildException.environment("cannot build for this machine's architecture '" + os
          + "'; pass --arch x86_64 or --arch aarch64");
    }
    return a;
  }
}
