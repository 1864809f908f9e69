package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.repo.RepoRoot;
import dev.pkgbuild.sign.Keys;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options shared by the commands that change a repository: the signing key and the lock wait. */
final class RepoOptions {
  @Option(names = "--signing-key", paramLabel = "FILE",
      description = "Private key that signs the index (default: the single *.rsa in --keys-dir).")
  Path signingKey;

  @Option(names = "--keys-dir", paramLabel = "DIR", defaultValue = "keys",
      description = "Where to look for the signing key (default: ${DEFAULT-VALUE}).")
  Path keysDir;

  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for another writer's lock (default: ${DEFAULT-VALUE}).")
  long lockWaitSeconds;

  SigningKey key() throws PkgbuildException {
    Path file = signingKey != null ? signingKey : Keys.findDefault(keysDir).orElseThrow(() ->
        PkgbuildException.badInput("no signing key in " + keysDir + "; pass --signing-key or run 'pkgbuild keygen'"));
    return SigningKey.load(file);
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
