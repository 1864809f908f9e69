package dev.pkgbuild.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.diag.PositionedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A place inside a scalar maps back to its own line and column, in every scalar style. */
class ScalarPositionTest {
  private static final Path FILE = Path.of("s.yaml");

  /** The position of the first {@code ${{vars.x}}} in the value of key {@code k} of {@code yaml}. */
  private static String posOfToken(String yaml) throws PositionedException {
    Fields f = Fields.of(new Document(FILE, yaml), Yaml.compose(FILE, yaml), "test", null);
    Text t = f.text("k");
    return t.posOf("vars.x").toString();
  }

  @Test
  void posOf_literalBlock_lineAndColumnInsideTheScript() throws Exception {
    assertEquals("s.yaml:4:12", posOfToken("k: |\n  echo one\n  echo two\n  make DIR=${{vars.x}}\n"));
  }

  @Test
  void posOf_literalBlockWithChompingAndIndentIndicators_sameLine() throws Exception {
    assertEquals("s.yaml:3:8", posOfToken("k: |-\n  a\n  echo ${{vars.x}}\n"));
    assertEquals("s.yaml:3:8", posOfToken("k: |+\n  a\n  echo ${{vars.x}}\n\n"));
    assertEquals("s.yaml:3:12", posOfToken("k: |4\n    a\n      echo ${{vars.x}}\n"));
    assertEquals("s.yaml:3:8", posOfToken("k: | # a comment on the header\n  a\n  echo ${{vars.x}}\n"));
  }

  @Test
  void posOf_literalBlockWithBlankLinesAndDeeperLines_keepsLines() throws Exception {
    assertEquals("s.yaml:6:7", posOfToken("k: |\n  if true; then\n\n    a\n\n    b ${{vars.x}}\n  fi\n"));
  }

  @Test
  void posOf_foldedBlock_lineOfTheToken() throws Exception {
    assertEquals("s.yaml:4:3", posOfToken("k: >\n  one two\n  three\n  ${{vars.x}} four\n"));
  }

  @Test
  void posOf_quotedAndPlainScalars_columnOfTheToken() throws Exception {
    assertEquals("s.yaml:1:10", posOfToken("k: 'a''b ${{vars.x}}'\n"));
    assertEquals("s.yaml:1:14", posOfToken("k: \"a\\t\\\"b\\\\ ${{vars.x}}\"\n"));
    assertEquals("s.yaml:1:11", posOfToken("k: \"\\x41b ${{vars.x}}\"\n"));
    assertEquals("s.yaml:1:8", posOfToken("k: a b ${{vars.x}}\n"));
    assertEquals("s.yaml:2:5", posOfToken("k: a b\n  c ${{vars.x}}\n"));
  }

  @Test
  void posOf_tokenWithSpacesInsideBraces_found() throws Exception {
    assertEquals("s.yaml:2:7", posOfToken("k: |\n  cd \"${{ vars.x }}\"\n"));
  }

  @Test
  void posOf_nameNotWrittenInTheScalar_scalarStart() throws Exception {
    assertEquals("s.yaml:1:4", posOfToken("k: |\n  echo ${{vars.y}}\n"));
  }
}
