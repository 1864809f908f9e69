package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexTextParserTest {
  @Test
  void parse_blocksWithExtraLettersAndRunsOfBlankLines_keepsEveryFieldAndUnknownLinesVerbatim() throws Exception {
    String text = "C:Q1a\nP:a\nV:1-r0\nD:so:x  cmd:y\tz \nZ:kept: as is\n\n\n"
        + "P:b\nV:2-r0\nS:12\nk:5\np:\n\n";
    List<IndexEntry> entries = IndexTextParser.parse(text);
    assertEquals(2, entries.size());
    IndexEntry a = entries.get(0);
    assertEquals(List.of("so:x", "cmd:y", "z"), a.depends());
    assertEquals(List.of("Z:kept: as is"), a.extra());
    IndexEntry b = entries.get(1);
    assertEquals(12, b.fileSize());
    assertEquals(5, b.providerPriority());
    assertEquals(List.of(), b.provides());
  }

  @Test
  void parse_lastBlockWithoutBlankLine_isStillRead() throws Exception {
    assertEquals(List.of("a-1-r0.apk"), IndexTextParser.parse("P:a\nV:1-r0\n").stream().map(IndexEntry::fileName).toList());
    assertEquals(List.of(), IndexTextParser.parse(""));
  }

  @Test
  void parse_lineWithoutColon_namesItsLineNumberAndText() {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> IndexTextParser.parse("P:a\nV:1-r0\n\nP:b\nVV1\n\n"));
    assertEquals("APKINDEX line 5: expected 'X:value', got 'VV1'", e.getMessage());
  }

  @Test
  void parse_blockWithoutVersion_namesTheLineItEndsAt() {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> IndexTextParser.parse("P:a\nV:1-r0\n\nP:b\nS:1\n"));
    assertEquals("APKINDEX block ending at line 6 has no P: or V:", e.getMessage());
  }

  @Test
  void parse_noFinalNewline_refused() {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> IndexTextParser.parse("P:a\nV:1-r0"));
    assertEquals("APKINDEX does not end with a newline (apk drops the last package)", e.getMessage());
  }
}
