package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.Keys;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --signing-key K}; without it, the single {@code keys/*.rsa} if there is one. */
final class SigningKeyOption {
  static final String DESCRIPTION = "RSA private key (PEM) to sign with (default: the only *.rsa file in keys/).";

  @Option(names = "--signing-key", paramLabel = "KEY", description = DESCRIPTION)
  Path signingKey;

  /** The key, or empty when none is given and none is found. */
  Optional<SigningKey> load() throws PkgbuildException {
    return load(signingKey);
  }

  /** The key at {@code signingKey}, else the only one in keys/, else empty. */
  static Optional<SigningKey> load(Path signingKey) throws PkgbuildException {
    return load(signingKey, Path.of("keys"));
  }

  /** The key at {@code signingKey}, else the only one in {@code keysDir}, else empty. */
  static Optional<SigningKey> load(Path signingKey, Path keysDir) throws PkgbuildException {
    if (signingKey != null) {
      return Optional.of(SigningKey.load(signingKey));
    }
    Optional<Path> found = Keys.findDefault(keysDir);
    return found.isPresent() ? Optional.of(SigningKey.load(found.get())) : Optional.empty();
  }

  /** As {@link #load(Path)}, for commands that sign. @throws PkgbuildException (bad input) when there is no key */
  static SigningKey required(Path signingKey) throws PkgbuildException {
    return load(signingKey).orElseThrow(() ->
        PkgbuildException.badInput("no signing key: pass --signing-key or keep one *.rsa in keys/ (pkgbuild keygen)"));
  }
}
