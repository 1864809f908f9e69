package dev.pkgbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDirTest {
  @TempDir Path tmp;

  private Path src() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("recipes/hello"));
    Files.writeString(src.resolve("hello.c"), "int main(){}\n");
    Path sh = Files.writeString(Files.createDirectories(src.resolve("scripts")).resolve("gen.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setLastModifiedTime(sh, FileTime.fromMillis(1_000_000_000_000L));
    Files.createSymbolicLink(src.resolve("main.c"), Path.of("hello.c"));
    return src;
  }

  @Test
  void copy_sourceDir_keepsModesTimesAndLinks() throws Exception {
    Path ws = tmp.resolve("ws");
    SourceDir.copy(src(), ws);
    assertEquals("int main(){}\n", Files.readString(ws.resolve("hello.c")));
    assertEquals("rwxr-x---", SafeExtractorTest.perms(ws.resolve("scripts/gen.sh")));
    assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(ws.resolve("scripts/gen.sh")));
    assertTrue(Files.isSymbolicLink(ws.resolve("main.c")));
    assertEquals(Path.of("hello.c"), Files.readSymbolicLink(ws.resolve("main.c")));
  }

  @Test
  void copy_readOnlyFolder_isCopiedWritableByItsOwnerSoStepsCanPatchIt() throws Exception {
    Path src = src();
    Files.setPosixFilePermissions(src.resolve("scripts"), PosixFilePermissions.fromString("r-xr-xr-x"));
    Files.setPosixFilePermissions(src.resolve("scripts/gen.sh"), PosixFilePermissions.fromString("r-xr-x---"));
    SourceDir.copy(src, tmp.resolve("ws"));
    assertEquals("rwxr-xr-x", SafeExtractorTest.perms(tmp.resolve("ws/scripts")));
    assertEquals("rwxr-x---", SafeExtractorTest.perms(tmp.resolve("ws/scripts/gen.sh")));
    assertTrue(Files.exists(tmp.resolve("ws/scripts/gen.sh")));
    Files.setPosixFilePermissions(src.resolve("scripts"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(tmp.resolve("ws/scripts"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void copy_absoluteLink_isRefused() throws Exception {
    Path src = src();
    Files.createSymbolicLink(src.resolve("pw"), Path.of("/etc/passwd"));
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> SourceDir.copy(src, tmp.resolve("ws")));
    assertEquals("source dir " + src + ": symlink 'pw' -> '/etc/passwd' points outside the source dir",
        e.getMessage());
  }

  @Test
  void copy_relativeLinkOut_isRefused() throws Exception {
    Path src = src();
    Files.writeString(tmp.resolve("secret"), "s");
    Files.createSymbolicLink(src.resolve("scripts/up"), Path.of("../../../secret"));
    assertThrows(PkgbuildException.class, () -> SourceDir.copy(src, tmp.resolve("ws")));
  }

  @Test
  void copy_linkChainThroughDot_isRefused() throws Exception {
    Path src = src();
    Files.createSymbolicLink(src.resolve("self"), Path.of("."));
    Files.createSymbolicLink(src.resolve("esc"), Path.of("self/.."));
    assertThrows(PkgbuildException.class, () -> SourceDir.copy(src, tmp.resolve("ws")));
  }

  @Test
  void copy_namedPipe_isRefusedWithItsPath() throws Exception {
    Path src = src();
    Process p = new ProcessBuilder("mkfifo", src.resolve("scripts/pipe").toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> SourceDir.copy(src, tmp.resolve("ws")));
    assertEquals("source dir " + src + ": 'scripts/pipe' is not a regular file, directory or symlink", e.getMessage());
  }

  @Test
  void copy_nestedFolders_keepTheirModesAndTimesAfterTheirFilesAreIn() throws Exception {
    Path src = src();
    Path deep = Files.createDirectories(src.resolve("a/b/c"));
    Files.writeString(deep.resolve("f.txt"), "x");
    Files.setPosixFilePermissions(src.resolve("a/b"), PosixFilePermissions.fromString("rwxr-x---"));
    for (Path d : new Path[] {deep, src.resolve("a/b"), src.resolve("a")}) {
      Files.setLastModifiedTime(d, FileTime.fromMillis(1_200_000_000_000L));
    }
    SourceDir.copy(src, tmp.resolve("ws"));
    assertEquals("x", Files.readString(tmp.resolve("ws/a/b/c/f.txt")));
    assertEquals("rwxr-x---", SafeExtractorTest.perms(tmp.resolve("ws/a/b")));
    for (String d : new String[] {"ws/a/b/c", "ws/a/b", "ws/a"}) {
      assertEquals(FileTime.fromMillis(1_200_000_000_000L), Files.getLastModifiedTime(tmp.resolve(d)), d);
    }
  }

  @Test
  void copy_missingDir_failsWithOneLine() {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> SourceDir.copy(tmp.resolve("nope"), tmp.resolve("ws")));
    assertEquals("source dir " + tmp.resolve("nope") + " is not a directory", e.getMessage());
  }
}
