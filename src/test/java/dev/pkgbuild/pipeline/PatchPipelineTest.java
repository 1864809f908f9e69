package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the patch pipeline's shell against a small source tree. */
class PatchPipelineTest {
  @TempDir Path src;

  @BeforeEach
  void tree() throws IOException {
    Requires.tool("patch");
    Files.writeString(src.resolve("hello.c"), "int main(void) {\n  return 1;\n}\n");
    Files.writeString(src.resolve("README"), "old\n");
    Files.writeString(src.resolve("fix-exit.patch"), diff("hello.c",
        "@@ -1,3 +1,3 @@\n int main(void) {\n-  return 1;\n+  return 0;\n }\n"));
    Files.writeString(src.resolve("readme.patch"), diff("README", "@@ -1 +1 @@\n-old\n+new\n"));
  }

  private static String diff(String file, String hunk) {
    return "--- a/" + file + "\n+++ b/" + file + "\n" + hunk;
  }

  private ShellRun.Result patch(Map<String, String> with) throws Exception {
    return new ShellRun(src).run("patch", with);
  }

  @Test
  void patches_whitespaceSeparatedList_appliesEachInOrder() throws Exception {
    ShellRun.Result r = patch(Map.of("patches", "fix-exit.patch\n  readme.patch\n"));
    assertTrue(r.ok(), r.output());
    assertTrue(Files.readString(src.resolve("hello.c")).contains("return 0;"));
    assertEquals("new\n", Files.readString(src.resolve("README")));
  }

  @Test
  void series_fileWithCommentsAndBlankLines_appliesListedPatches() throws Exception {
    Files.writeString(src.resolve("series"), "# fixes\n\nfix-exit.patch -p1\nreadme.patch # docs\n");
    ShellRun.Result r = patch(Map.of("series", "series"));
    assertTrue(r.ok(), r.output());
    assertEquals("new\n", Files.readString(src.resolve("README")));
    assertTrue(Files.readString(src.resolve("hello.c")).contains("return 0;"));
  }

  @Test
  void stripComponents_zero_appliesPathsAsWritten() throws Exception {
    Files.writeString(src.resolve("p0.patch"), "--- README\n+++ README\n@@ -1 +1 @@\n-old\n+zero\n");
    ShellRun.Result r = patch(Map.of("patches", "p0.patch", "strip-components", "0"));
    assertTrue(r.ok(), r.output());
    assertEquals("zero\n", Files.readString(src.resolve("README")));
  }

  @Test
  void patches_missingFile_failsNamingIt() throws Exception {
    ShellRun.Result r = patch(Map.of("patches", "fix-exit.patch nope.patch"));
    assertFalse(r.ok());
    assertTrue(r.output().contains("patch file not found: nope.patch"), r.output());
  }

  @Test
  void patches_hunkThatDoesNotApply_failsNamingThePatch() throws Exception {
    Files.writeString(src.resolve("README"), "something else entirely\n");
    ShellRun.Result r = patch(Map.of("patches", "readme.patch", "fuzz", "0"));
    assertFalse(r.ok());
    assertTrue(r.output().contains("patch: readme.patch does not apply"), r.output());
  }

  @Test
  void series_missingFile_fails() throws Exception {
    ShellRun.Result r = patch(Map.of("series", "no-series"));
    assertFalse(r.ok());
    assertTrue(r.output().contains("series file not found: no-series"), r.output());
  }

  @Test
  void patches_shellMetacharacters_areRefusedAndNotRun() throws Exception {
    ShellRun.Result r = patch(Map.of("patches", "a.patch;touch${IFS}pwned"));
    assertFalse(r.ok());
    assertTrue(r.output().contains("unsafe characters"), r.output());
    assertFalse(Files.exists(src.resolve("pwned")));
  }

  @Test
  void fuzz_notANumber_fails() throws Exception {
    ShellRun.Result r = patch(Map.of("patches", "readme.patch", "fuzz", "2; rm -rf x"));
    assertFalse(r.ok());
    assertTrue(r.output().contains("fuzz must be a whole number"), r.output());
    assertEquals("old\n", Files.readString(src.resolve("README")));
  }

  @Test
  void inputs_neitherPatchesNorSeries_fails() throws Exception {
    ShellRun.Result r = patch(Map.of());
    assertFalse(r.ok());
    assertTrue(r.output().contains("set either patches or series"), r.output());
  }
}
