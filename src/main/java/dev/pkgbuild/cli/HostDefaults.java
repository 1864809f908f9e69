package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sandbox.SandboxSelector;
import dev.pkgbuild.source.GitCommitTime;
import java.nio.file.Path;

/** Defaults taken from the host, resolved once here so the core never reads the environment. */
final class HostDefaults {
  private HostDefaults() {}

  static Path cacheDir(Path given) {
    if (given != null) {
      return given;
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("pkgbuild");
  }

  /** The sandbox for a runner name, found on this host's PATH and preflighted. */
  static Sandbox sandbox(String runner) throws PkgbuildException {
    return SandboxSelector.forHost(System.getenv("PATH")).select(runner).sandbox();
  }

  static Path tempRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "pkgbuild");
  }

  /** The flag, else $SOURCE_DATE_EPOCH, else the recipe's last git commit time, else 0. */
  static long sourceDateEpoch(Long flag, Path recipe) throws PkgbuildException {
    if (flag != null) {
      return checked(flag, "--source-date-epoch");
    }
    String env = System.getenv("SOURCE_DATE_EPOCH");
    if (env != null && !env.isBlank()) {
      try {
        return checked(Long.parseLong(env.strip()), "SOURCE_DATE_EPOCH");
      } catch (NumberFormatException e) {
        throw PkgbuildException.badInput("SOURCE_DATE_EPOCH must be whole seconds since 1970, got '" + env + "'");
      }
    }
    return GitCommitTime.of(recipe).orElse(0L);
  }

  private static long checked(long v, String what) throws PkgbuildException {
    if (v < 0) {
      throw PkgbuildException.badInput(what + " must not be negative, got " + v);
    }
    return v;
  }
}
