package dev.pkgbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchStepTest {
  @TempDir Path tmp;

  private Fetcher fetcher() {
    return new Fetcher(new SourceCache(tmp.resolve("cache")), true, FetchProgress.none());
  }

  private Path archive() throws Exception {
    return SafeExtractorTest.sample().write(tmp.resolve("pkg-1.0.tar.gz"), ArchiveFormat.TAR_GZ);
  }

  @Test
  void run_extractAndKeep_placesFileAndTree() throws Exception {
    Path a = archive();
    Checksum sum = FetcherTest.sha256(Files.readAllBytes(a));
    new FetchStep(a.toUri().toString(), sum, ".", true, 1, false).run(fetcher(), tmp.resolve("ws"), 1 << 20);
    assertTrue(Files.isRegularFile(tmp.resolve("ws/pkg-1.0.tar.gz")));
    assertEquals("#!/bin/sh\n", Files.readString(tmp.resolve("ws/configure")));
  }

  @Test
  void run_extractAndDelete_leavesOnlyTheTree() throws Exception {
    Path a = archive();
    Checksum sum = FetcherTest.sha256(Files.readAllBytes(a));
    new FetchStep(a.toString(), sum, "src", true, 0, true).run(fetcher(), tmp.resolve("ws"), 1 << 20);
    assertFalse(Files.exists(tmp.resolve("ws/pkg-1.0.tar.gz")));
    assertTrue(Files.isRegularFile(tmp.resolve("ws/src/pkg-1.0/configure")));
  }

  @Test
  void run_directoryOutsideWorkspace_isRefused() throws Exception {
    Path a = archive();
    Checksum sum = FetcherTest.sha256(Files.readAllBytes(a));
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> new FetchStep(a.toString(), sum, "../x", true, 0, true).run(fetcher(), tmp.resolve("ws"), 1 << 20));
    assertEquals("fetch " + a + ": directory '../x' leaves the workspace", e.getMessage());
  }
}
