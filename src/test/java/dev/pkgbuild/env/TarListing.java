package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Lists a tar with the system's own {@code tar}, so the check does not rest on our reader. */
final class TarListing {
  private TarListing() {}

  /** The member names, one per line. */
  static String names(Path tar) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("tar", "-tf", tar.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
