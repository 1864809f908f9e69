package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.KeyPairFiles;
import dev.pkgbuild.sign.Keys;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the signing key before any work starts, creating one on first use. */
final class KeyResolver {
  private KeyResolver() {}

  /** A loaded key and the file it came from. */
  record Resolved(SigningKey key, Path file) {}

  static SigningKey resolve(Path given, Path keysDir, Reporter reporter) throws PkgbuildException {
    return resolvePath(given, keysDir, reporter).key();
  }

  /** The given key, else the one key in {@code keysDir}, else null; never creates one. */
  static SigningKey existing(Path given, Path keysDir) throws PkgbuildException {
    if (given != null) {
      return SigningKey.load(given);
    }
    Optional<Path> found = Keys.findDefault(keysDir);
    return found.isPresent() ? SigningKey.load(found.get()) : null;
  }

  /** The given key, else the one key in {@code keysDir}, else a new key written there. */
  static synchronized Resolved resolvePath(Path given, Path keysDir, Reporter reporter) throws PkgbuildException {
    if (given != null) {
      return new Resolved(SigningKey.load(given), given);
    }
    Optional<Path> found = Keys.findDefault(keysDir);
    if (found.isPresent()) {
      return new Resolved(SigningKey.load(found.get()), found.get());
    }
    KeyPairFiles made = KeyGenerator.generateFiles(keysDir, Optional.empty());
    reporter.info("no signing key in " + keysDir + ": created " + made.privateKey() + "; its public key "
        + made.publicKey() + " goes to " + made.installedPath() + " on machines that install these packages");
    return new Resolved(SigningKey.load(made.privateKey()), made.privateKey());
  }
}
