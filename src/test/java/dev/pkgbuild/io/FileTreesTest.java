package dev.pkgbuild.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path tmp;

  @Test
  void delete_treeOverTheParallelThreshold_removesAllAndFollowsNoLink() throws Exception {
    assertDeletes(FileTrees.PARALLEL_FROM + 500);
  }

  @Test
  void delete_smallTree_removesAllAndFollowsNoLink() throws Exception {
    assertDeletes(10);
  }

  @Test
  void delete_singleFileOrMissingPath_isFine() throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "x");
    FileTrees.delete(f);
    assertFalse(Files.exists(f));
    FileTrees.delete(tmp.resolve("missing"));
  }

  private void assertDeletes(int files) throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep me");
    Path root = tmp.resolve("tree");
    for (int i = 0; i < files; i++) {
      Path d = Files.createDirectories(root.resolve("d" + i / 100).resolve("sub"));
      Files.writeString(d.resolve("f" + i), "content " + i);
    }
    Files.createSymbolicLink(root.resolve("d0/out"), outside);
    Files.createSymbolicLink(root.resolve("d0/outdir"), tmp);
    // a read-only folder must be made writable to empty it
    Files.setPosixFilePermissions(root.resolve("d0/sub"), PosixFilePermissions.fromString("r-xr-xr-x"));
    FileTrees.delete(root);
    assertFalse(Files.exists(root));
    assertEquals("keep me", Files.readString(outside));
    assertTrue(Files.isDirectory(tmp));
  }
}
