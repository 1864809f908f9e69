package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.repo.RepoRoot;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options shared by the commands that change a repository: the signing key and the lock wait. */
final class RepoOptions {
  static final String LOCK_WAIT_DESCRIPTION = "How long to wait for another writer's lock (default: ${DEFAULT-VALUE}).";

  @Mixin SigningKeyOption signing;

  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "120", description = LOCK_WAIT_DESCRIPTION)
  long lockWaitSeconds;

  SigningKey key() throws PkgbuildException {
    return SigningKeyOption.required(signing.signingKey);
  }

  Duration lockWait() {
    return Duration.ofSeconds(lockWaitSeconds);
  }

  RepoRoot root(Path dir, CommandSpec spec) throws PkgbuildException {
    return new RepoRoot(dir, key(), reporter(spec), lockWait());
  }

  static Reporter reporter(CommandSpec spec) {
    return new ConsoleReporter(spec.commandLine().getErr(), false);
  }
}
