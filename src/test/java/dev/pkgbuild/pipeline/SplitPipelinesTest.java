package dev.pkgbuild.pipeline;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the split/* shell on small fake install trees and checks what moved. */
class SplitPipelinesTest {
  @TempDir Path tmp;
  private Path out;
  private Path dest;
  private Path sub;

  @BeforeEach
  void layout() throws IOException {
    // As in a build: every package's tree sits under outdir, named after it.
    out = Files.createDirectories(tmp.resolve("out"));
    dest = Files.createDirectories(out.resolve("foo"));
    sub = out.resolve("foo-sub");
  }

  private ShellRun.Result split(String name, Map<String, String> with) throws Exception {
    return new ShellRun(Files.createDirectories(tmp.resolve("home/build")))
        .set("targets.destdir", dest.toString())
        .set("targets.outdir", out.toString())
        .set("targets.contextdir", sub.toString())
        .set("targets.subpkgdir", sub.toString())
        .set("context.name", sub.getFileName().toString())
        .run(name, with);
  }

  private void touch(Path root, String... rels) throws IOException {
    for (String rel : rels) {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, rel);
    }
  }

  private void assertMoved(String... rels) {
    for (String rel : rels) {
      assertTrue(Files.exists(sub.resolve(rel), NOFOLLOW_LINKS), "not in subpackage: " + rel);
      assertFalse(Files.exists(dest.resolve(rel), NOFOLLOW_LINKS), "still in package: " + rel);
    }
  }

  private void assertKept(String... rels) {
    for (String rel : rels) {
      assertTrue(Files.exists(dest.resolve(rel), NOFOLLOW_LINKS), "left the package: " + rel);
      assertFalse(Files.exists(sub.resolve(rel), NOFOLLOW_LINKS), "copied: " + rel);
    }
  }

  @Test
  void dev_typicalLibrary_movesDevelopmentFilesOnly() throws Exception {
    touch(dest, "usr/include/foo/foo.h", "usr/lib/pkgconfig/foo.pc", "usr/lib/libfoo.a",
        "usr/lib/libfoo.so.1.2", "usr/bin/foo", "usr/bin/foo-config", "usr/share/aclocal/foo.m4",
        "usr/lib/cmake/Foo/FooConfig.cmake", "usr/lib/python3/site/pkg/include/x.h", "lib/libbar.so.1");
    Files.createSymbolicLink(dest.resolve("usr/lib/libfoo.so"), Path.of("libfoo.so.1.2"));
    Files.createSymbolicLink(dest.resolve("lib/libbar.so"), Path.of("libbar.so.1"));
    touch(sub, "usr/include/already-there.h");

    ShellRun.Result r = split("split/dev", Map.of());

    assertTrue(r.ok(), r.output());
    assertMoved("usr/include/foo/foo.h", "usr/lib/pkgconfig/foo.pc", "usr/lib/libfoo.a", "usr/lib/libfoo.so",
        "usr/bin/foo-config", "usr/share/aclocal/foo.m4", "usr/lib/cmake/Foo/FooConfig.cmake",
        "usr/lib/python3/site/pkg/include/x.h", "lib/libbar.so");
    assertKept("usr/lib/libfoo.so.1.2", "usr/bin/foo", "lib/libbar.so.1");
    assertTrue(Files.exists(sub.resolve("usr/include/already-there.h")), "merge lost an existing file");
    assertFalse(Files.exists(dest.resolve("usr/share")), "emptied directories stay behind");
  }

  @Test
  void dev_mergedUsrLibSymlink_movesFilesUnderUsrOnly() throws Exception {
    touch(dest, "usr/lib/libfoo.so.1", "usr/lib/libfoo.a");
    Files.createSymbolicLink(dest.resolve("usr/lib/libfoo.so"), Path.of("libfoo.so.1"));
    Files.createSymbolicLink(dest.resolve("lib"), Path.of("usr/lib"));
    ShellRun.Result r = split("split/dev", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/lib/libfoo.so", "usr/lib/libfoo.a");
    assertFalse(Files.exists(sub.resolve("lib"), NOFOLLOW_LINKS));
    assertKept("usr/lib/libfoo.so.1", "lib");
  }

  @Test
  void dev_packageInput_takesFilesFromThatPackage() throws Exception {
    Path other = out.resolve("libother");
    touch(other, "usr/include/other.h");
    touch(dest, "usr/include/main.h");

    ShellRun.Result r = split("split/dev", Map.of("package", "libother"));

    assertTrue(r.ok(), r.output());
    assertTrue(Files.exists(sub.resolve("usr/include/other.h")));
    assertFalse(Files.exists(other.resolve("usr/include/other.h")));
    assertKept("usr/include/main.h");
  }

  @Test
  void dev_nothingToMove_succeedsWithoutCreatingFiles() throws Exception {
    touch(dest, "usr/bin/foo");
    ShellRun.Result r = split("split/dev", Map.of());
    assertTrue(r.ok(), r.output());
    assertFalse(Files.exists(sub.resolve("usr")));
  }

  @Test
  void dev_missingDestdir_succeeds() throws Exception {
    Files.delete(dest);
    assertTrue(split("split/dev", Map.of()).ok());
  }

  @Test
  void dev_splittingFromItself_fails() throws Exception {
    ShellRun.Result r = split("split/dev", Map.of("package", "foo-sub"));
    assertEquals(1, r.exit());
    assertTrue(r.output().contains("cannot split files out of itself"), r.output());
  }

  @Test
  void static_archives_moveFromLibAndUsr() throws Exception {
    touch(dest, "usr/lib/libfoo.a", "lib/libbar.a", "usr/lib/libfoo.so.1", "usr/lib/deep/libz.a");
    ShellRun.Result r = split("split/static", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/lib/libfoo.a", "lib/libbar.a", "usr/lib/deep/libz.a");
    assertKept("usr/lib/libfoo.so.1");
  }

  @Test
  void manpages_allLocations_endUpInUsrShareMan() throws Exception {
    touch(dest, "usr/share/man/man1/foo.1", "usr/man/man8/foo.8", "usr/local/share/man/man5/foo.conf.5",
        "usr/bin/foo");
    ShellRun.Result r = split("split/manpages", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/share/man/man1/foo.1");
    assertTrue(Files.exists(sub.resolve("usr/share/man/man8/foo.8")));
    assertTrue(Files.exists(sub.resolve("usr/share/man/man5/foo.conf.5")));
    assertFalse(Files.exists(dest.resolve("usr/man")));
    assertFalse(Files.exists(dest.resolve("usr/local")));
    assertKept("usr/bin/foo");
  }

  @Test
  void infodir_info_movesAndDropsDirIndex() throws Exception {
    touch(dest, "usr/share/info/foo.info", "usr/share/info/dir", "usr/share/doc/foo/README");
    ShellRun.Result r = split("split/infodir", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/share/info/foo.info");
    assertFalse(Files.exists(sub.resolve("usr/share/info/dir")));
    assertKept("usr/share/doc/foo/README");
  }

  @Test
  void alldocs_docs_moveInfoManAndDoc() throws Exception {
    touch(dest, "usr/share/info/foo.info", "usr/share/info/dir", "usr/man/man1/foo.1",
        "usr/share/doc/foo/README", "usr/local/share/doc/foo/NEWS", "usr/bin/foo");
    ShellRun.Result r = split("split/alldocs", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/share/info/foo.info", "usr/share/doc/foo/README");
    assertTrue(Files.exists(sub.resolve("usr/share/man/man1/foo.1")));
    assertTrue(Files.exists(sub.resolve("usr/share/doc/foo/NEWS")));
    assertFalse(Files.exists(sub.resolve("usr/share/info/dir")));
    assertKept("usr/bin/foo");
  }

  @Test
  void locales_localeTree_moves() throws Exception {
    touch(dest, "usr/share/locale/de/LC_MESSAGES/foo.mo", "usr/share/foo/data");
    ShellRun.Result r = split("split/locales", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/share/locale/de/LC_MESSAGES/foo.mo");
    assertKept("usr/share/foo/data");
  }

  @Test
  void lib_noPatterns_movesEveryVersionedLibrary() throws Exception {
    touch(dest, "usr/lib/libfoo.so.1.2", "lib/libbar.so.3", "usr/lib/libfoo.a", "usr/lib/sub/libdeep.so.1");
    Files.createSymbolicLink(dest.resolve("usr/lib/libfoo.so.1"), Path.of("libfoo.so.1.2"));
    Files.createSymbolicLink(dest.resolve("usr/lib/libfoo.so"), Path.of("libfoo.so.1.2"));
    ShellRun.Result r = split("split/lib", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/lib/libfoo.so.1.2", "usr/lib/libfoo.so.1", "lib/libbar.so.3");
    assertKept("usr/lib/libfoo.a", "usr/lib/libfoo.so", "usr/lib/sub/libdeep.so.1");
  }

  @Test
  void lib_patternsAndPaths_moveOnlyMatches() throws Exception {
    touch(dest, "usr/lib/libfoo.so.1", "usr/lib/libbar.so.1", "opt/x/lib/libfoo.so.2");
    ShellRun.Result r = split("split/lib", Map.of("patterns", "foo\n", "paths", "opt/x/lib\n"));
    assertTrue(r.ok(), r.output());
    assertMoved("usr/lib/libfoo.so.1", "opt/x/lib/libfoo.so.2");
    assertKept("usr/lib/libbar.so.1");
  }

  @Test
  void bin_binSubpackage_takesFromItsBasePackage() throws Exception {
    sub = out.resolve("foo-tools-bin");
    Path base = out.resolve("foo-tools");
    touch(base, "usr/bin/tool", "usr/lib/libtool.so.1");
    touch(dest, "usr/bin/foo");
    ShellRun.Result r = split("split/bin", Map.of());
    assertTrue(r.ok(), r.output());
    assertTrue(Files.exists(sub.resolve("usr/bin/tool")));
    assertFalse(Files.exists(base.resolve("usr/bin")));
    assertTrue(Files.exists(base.resolve("usr/lib/libtool.so.1")));
    assertKept("usr/bin/foo");
  }

  @Test
  void bin_default_takesFromDestdirAndToleratesNoBin() throws Exception {
    touch(dest, "usr/bin/foo", "usr/bin/.hidden");
    ShellRun.Result r = split("split/bin", Map.of());
    assertTrue(r.ok(), r.output());
    assertMoved("usr/bin/foo", "usr/bin/.hidden");
    assertTrue(split("split/bin", Map.of()).ok(), "second run with nothing left");
  }
}
