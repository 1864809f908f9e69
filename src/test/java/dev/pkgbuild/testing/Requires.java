package dev.pkgbuild.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose host tool or file is missing, with the reason. Under CI
 * ({@code PKGBUILD_REQUIRE_ALL_TESTS=true}) a missing requirement fails instead,
 * because .ci/run installs everything and a skip there would hide a gap.
 */
public final class Requires {
  private Requires() {}

  /** Skips (or fails under CI) unless {@code ok}. */
  public static void that(boolean ok, String reason) {
    if (ok) {
      return;
    }
    if ("true".equals(System.getenv("PKGBUILD_REQUIRE_ALL_TESTS"))) {
      fail("required under CI but missing: " + reason);
    }
    Assumptions.abort(reason);
  }

  /** Requires an executable on the PATH. */
  public static void tool(String name) {
    that(onPath(name), name + " is not installed");
  }

  /** Whether an executable is on the PATH. */
  public static boolean onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** The shared reference folder beside the project ({@code ../shared}). */
  public static Path shared() {
    String p = System.getProperty("pkgbuild.shared", "../shared");
    Path shared = Path.of(p).toAbsolutePath().normalize();
    that(Files.isDirectory(shared), "the shared reference folder is missing at " + shared);
    return shared;
  }
}
