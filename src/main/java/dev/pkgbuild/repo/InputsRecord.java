package dev.pkgbuild.repo;

import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The input hash each published package was built from, kept in the repository under
 * {@code <arch>/.pkgbuild/inputs/<name>-<version>} (hidden, so never served), so a later
 * run can tell a changed recipe whose version was not bumped.
 */
public final class InputsRecord {
  private InputsRecord() {}

  public static Path file(Path archDir, String nameVersion) {
    return archDir.resolve(".pkgbuild").resolve("inputs").resolve(nameVersion);
  }

  public static void write(Path archDir, String nameVersion, String hash) throws IOException {
    AtomicFiles.write(file(archDir, nameVersion), (hash + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The recorded hash, or empty when the package was not built by pkgbuild here. */
  public static Optional<String> read(Path archDir, String nameVersion) throws IOException {
    try {
      return Optional.of(Files.readString(file(archDir, nameVersion), StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
