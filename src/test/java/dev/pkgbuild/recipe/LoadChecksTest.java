package dev.pkgbuild.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that need no build are made while the recipe is read, each at its value. */
class LoadChecksTest {
  static final String HEAD = "package:\n  name: hello\n  version: 1.0\n  epoch: 0\n";

  @TempDir Path tmp;

  private String error(String yaml) throws Exception {
    Path f = tmp.resolve("r.yaml");
    Files.writeString(f, yaml);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> RecipeLoader.load(f));
    return e.getMessage().replace(tmp + "/", "");
  }

  @Test
  void load_versionOutsideApkGrammar_refusedAtTheVersion() throws Exception {
    assertEquals("r.yaml:3:12: version '1.0~beta!' is not a valid apk version: unexpected '~' at position 4",
        error(HEAD.replace("1.0", "1.0~beta!")));
    assertEquals("r.yaml:3:12: version '1.0-r1' is not a valid apk version: '-' is not allowed (the epoch gives the -rN part)",
        error(HEAD.replace("1.0", "1.0-r1")));
  }

  @Test
  void load_epochTooLargeOrNotANumber_refusedAtTheEpoch() throws Exception {
    assertEquals("r.yaml:4:10: epoch must be a whole number from 0 to 99999, found '9223372036854775808'",
        error(HEAD.replace("epoch: 0", "epoch: 9223372036854775808")));
    assertEquals("r.yaml:4:10: epoch must be a whole number from 0 to 99999, found '100000'",
        error(HEAD.replace("epoch: 0", "epoch: 100000")));
    assertEquals("r.yaml:4:10: epoch must be a whole number from 0 to 99999, found '-1'",
        error(HEAD.replace("epoch: 0", "epoch: -1")));
  }

  @Test
  void load_largestEpoch_accepted() throws Exception {
    Path f = tmp.resolve("ok.yaml");
    Files.writeString(f, HEAD.replace("epoch: 0", "epoch: 99999"));
    assertEquals(99999, RecipeLoader.load(f).pkg().epoch());
  }

  @Test
  void load_nameTooLongForAFileName_refused() throws Exception {
    String name = "a".repeat(5000);
    assertEquals("r.yaml:2:9: package name '" + "a".repeat(60) + "... (5000 characters)' is too long: "
        + "its file name would be 5011 bytes, more than 255",
        error(HEAD.replace("name: hello", "name: " + name)));
  }

  @Test
  void load_badEnvironmentVariableName_refusedAtTheName() throws Exception {
    assertEquals("r.yaml:7:5: invalid environment variable name 'A=B' (use letters, digits and '_', not starting with a digit)",
        error(HEAD + "environment:\n  environment:\n    A=B: x\n"));
    assertEquals("r.yaml:7:5: invalid environment variable name '' (use letters, digits and '_', not starting with a digit)",
        error(HEAD + "environment:\n  environment:\n    '': x\n"));
    assertEquals("r.yaml:8:7: invalid environment variable name '1X' (use letters, digits and '_', not starting with a digit)",
        error(HEAD + "pipeline:\n  - runs: make\n    environment:\n      1X: y\n"));
  }

  @Test
  void load_unterminatedSubstitutionInRuns_refusedAtItsOpening() throws Exception {
    assertEquals("r.yaml:8:24: unterminated '${{' (no '}}' after it)",
        error(HEAD + "pipeline:\n  - runs: |\n      echo ok\n      echo ${{vars.x}} ${{package.name\n      make\n"));
    assertEquals("r.yaml:6:9: unterminated '${{' (no '}}' after it)",
        error(HEAD + "pipeline:\n  - if: ${{build.arch == 'x'\n    runs: make\n"));
  }

  @Test
  void load_emptyRange_meansNoRange() throws Exception {
    Path f = tmp.resolve("ok.yaml");
    Files.writeString(f, HEAD + "subpackages:\n  - name: hello-doc\n    range: \"\"\n");
    assertNull(RecipeLoader.load(f).subpackages().get(0).range());
  }
}
