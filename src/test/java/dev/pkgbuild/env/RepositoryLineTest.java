package dev.pkgbuild.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryLineTest {
  @Test
  void parseAll_readsTagsAndSkipsCommentsAndBlankLines() throws Exception {
    List<RepositoryLine> lines = RepositoryLine.parseAll("""
        # wolfi
        https://packages.wolfi.dev/os

          @local   ./packages
        \t#@edge https://example.invalid/edge
        file:/srv/repo
        """, "repositories");

    assertEquals(List.of(new RepositoryLine(null, "https://packages.wolfi.dev/os"),
        new RepositoryLine("local", "./packages"), new RepositoryLine(null, "file:/srv/repo")), lines);
    assertEquals("@local ./packages", lines.get(1).toString());
  }

  @Test
  void parseAll_namesTheLineOfATagWithoutLocation() {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> RepositoryLine.parseAll("https://a.invalid/os\n  @edge\n", "etc/apk/repositories"));
    assertEquals("etc/apk/repositories:2:3: repository '@edge' has a tag but no location", e.getMessage());
  }

  @Test
  void parse_refusesCommentsBlankAndSeveralLocations() {
    for (String bad : List.of("", "   ", "# https://a.invalid/os")) {
      PkgbuildException e = assertThrows(PkgbuildException.class, () -> RepositoryLine.parse(bad));
      assertTrue(e.getMessage().endsWith("is not a repository"), e.getMessage());
    }
    PkgbuildException two = assertThrows(PkgbuildException.class,
        () -> RepositoryLine.parse("@t https://a.invalid/os https://b.invalid/os"));
    assertEquals("repository '@t https://a.invalid/os https://b.invalid/os' has more than one location",
        two.getMessage());
  }

  @Test
  void parse_refusesABadUrl_withoutShowingItsPassword() {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> RepositoryLine.parse("https://u:secret@/os"));
    assertTrue(e.getMessage().startsWith("repository 'https://***@/os' is not a valid url"), e.getMessage());
  }

  @Test
  void folder_dropsFilePrefix_andStartsRelativePathsAtTheWorkFolder() throws Exception {
    Path cwd = Path.of("/work/here");
    assertEquals(Path.of("/srv/repo"), RepositoryLine.parse("file:///srv/repo").folder(cwd));
    assertEquals(Path.of("/srv/repo"), RepositoryLine.parse("file:/srv/repo").folder(cwd));
    assertEquals(Path.of("/work/here/packages"), RepositoryLine.parse("./packages").folder(cwd));
  }

  @Test
  void join_addsNoSecondSlashAfterATrailingOne() throws Exception {
    assertEquals("https://h/os/x86_64/APKINDEX.tar.gz", RepositoryLine.parse("https://h/os/").join("x86_64",
        "APKINDEX.tar.gz"));
    assertEquals("https://h/os/x86_64/APKINDEX.tar.gz", RepositoryLine.parse("https://h/os").join("x86_64",
        "APKINDEX.tar.gz"));
  }
}
