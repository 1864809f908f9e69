package dev.pkgbuild.repo;

import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The environment each published package was built in, kept beside its {@link InputsRecord}
 * under {@code <arch>/.pkgbuild/environments/<name>-<version>}: the root's id, then one
 * {@code name-version} a line in install order. Only packages built in an installed root have one.
 * The environment a package's test passed in is kept the same way under {@code tests/}.
 */
public final class EnvironmentRecord {
  private static final String ROOT = "root ";

  /**
   * A recorded environment.
   *
   * @param rootId the id of the resolved set
   * @param packages {@code name-version} of each package, in install order
   */
  public record Recorded(String rootId, List<String> packages) {
    public Recorded {
      packages = List.copyOf(packages);
    }
  }

  private EnvironmentRecord() {}

  public static Path file(Path archDir, String nameVersion) {
    return archDir.resolve(".pkgbuild").resolve("environments").resolve(nameVersion);
  }

  /** Where the environment the package's test passed in is kept. */
  public static Path testFile(Path archDir, String nameVersion) {
    return archDir.resolve(".pkgbuild").resolve("tests").resolve(nameVersion);
  }

  public static void write(Path archDir, String nameVersion, String rootId, List<String> packages) throws IOException {
    write(file(archDir, nameVersion), rootId, packages);
  }

  /** Writes a record to {@code file}. */
  public static void write(Path file, String rootId, List<String> packages) throws IOException {
    StringBuilder sb = new StringBuilder(ROOT).append(rootId).append('\n');
    packages.forEach(p -> sb.append(p).append('\n'));
    AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The recorded environment, or empty when the package was built on the host toolchain (or elsewhere). */
  public static Optional<Recorded> read(Path archDir, String nameVersion) throws IOException {
    return read(file(archDir, nameVersion));
  }

  /** The record in {@code file}, or empty when there is none. */
  public static Optional<Recorded> read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.isEmpty() || !lines.get(0).startsWith(ROOT)) {
      return Optional.empty();
    }
    return Optional.of(new Recorded(lines.get(0).substring(ROOT.length()),
        lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList()));
  }
}
