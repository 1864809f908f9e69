package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build stops at a static error, at its position, before any step or workspace. */
class BuilderStaticChecksTest {
  @Test
  void build_invalidVersion_failsAtTheVersionBeforeAnyStep(@TempDir Path tmp) throws Exception {
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path r = BuilderFailureTest.recipe(tmp, "v", "1.0~beta!", "touch /home/build/ran");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.build(r, 0));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertEquals(r + ":3:12: version '1.0~beta!' is not a valid apk version: unexpected '~' at position 4",
        e.getMessage());
    assertFalse(Files.exists(tmp.resolve("tmp")), "no workspace was made");
  }

  @Test
  void build_unknownSubstitutionInScript_failsAtItsLineBeforeAnyStep(@TempDir Path tmp) throws Exception {
    TestBuilds t = new TestBuilds(tmp, "auto");
    Path r = BuilderFailureTest.recipe(tmp, "s", "1.0", "echo one\necho ${{vars.nope}}");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.build(r, 0));
    assertEquals(r + ":12:12: unknown substitution '${{vars.nope}}' in runs of step 'the step'", e.getMessage());
    assertFalse(Files.exists(tmp.resolve("tmp")), "no workspace was made");
  }
}
