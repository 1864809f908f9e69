package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.SourceDateEpoch;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sandbox.SandboxSelector;
import dev.pkgbuild.source.GitCommitTime;
import java.nio.file.Path;
import java.util.Optional;

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

  /** A new private folder under {@link #tempRoot} for one command's downloads; the caller removes it. */
  static Path workFolder(String prefix) throws PkgbuildException {
    try {
      return java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(tempRoot()), prefix);
    } catch (java.io.IOException e) {
      throw PkgbuildException.environment("cannot make a work folder in " + tempRoot() + ": " + e.getMessage());
    }
  }

  /** The flag, else $SOURCE_DATE_EPOCH, else the recipe's last git commit time, else 0. */
  static SourceDateEpoch sourceDateEpoch(String flag, Path recipe) throws PkgbuildException {
    if (flag != null) {
      return SourceDateEpoch.parse("--source-date-epoch", flag);
    }
    String env = System.getenv("SOURCE_DATE_EPOCH");
    if (env != null && !env.isBlank()) {
      return SourceDateEpoch.parse("SOURCE_DATE_EPOCH", env);
    }
    Optional<Long> commit = GitCommitTime.of(recipe);
    return commit.isPresent() ? SourceDateEpoch.of("the last git commit time of " + recipe, commit.get())
        : SourceDateEpoch.ZERO;
  }

  /** $SOURCE_DATE_EPOCH, else 0: the index commands have no recipe to take a time from. */
  static SourceDateEpoch sourceDateEpoch() throws PkgbuildException {
    String env = System.getenv("SOURCE_DATE_EPOCH");
    return env == null || env.isBlank() ? SourceDateEpoch.ZERO : SourceDateEpoch.parse("SOURCE_DATE_EPOCH", env);
  }
}
