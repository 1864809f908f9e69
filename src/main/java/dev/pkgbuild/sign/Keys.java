package dev.pkgbuild.sign;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the signing key to use when none is named on the command line. */
public final class Keys {
  private Keys() {}

  /**
   * The single {@code *.rsa} private key file in a keys directory.
   *
   * @return empty when the directory is missing or holds no {@code *.rsa} file
   * @throws PkgbuildException (bad input) when there are several, listing them
   */
  public static Optional<Path> findDefault(Path keysDir) throws PkgbuildException {
    if (!Files.isDirectory(keysDir)) {
      return Optional.empty();
    }
    List<Path> found;
    try (Stream<Path> files = Files.list(keysDir)) {
      found = files.filter(p -> p.getFileName().toString().endsWith(".rsa") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot list keys directory " + keysDir + ": " + e.getMessage());
    }
    if (found.size() > 1) {
      String names = found.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
      throw PkgbuildException.badInput(keysDir + ": several private keys (" + names
          + "); choose one with --signing-key");
    }
    return found.stream().findFirst();
  }
}
