package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkgInfoTest {
  static PkgInfo full() {
    return PkgInfo.builder("libfoo2", "2.2-r0").pkgdesc("test package").url("https://example.invalid")
        .builddate(1700000000L).packager("P <p@x>").size(62).arch("x86_64").origin("libfoo").commit("abc")
        .maintainer("M <m@x>").replacesPriority(5).providerPriority(100).addLicense("MIT")
        .addReplaces("libfoo").addDepend("so:libc.so.6", "cmd:sh").addProvides("so:libfoo.so.1=1.2.3")
        .addTriggers("/usr/lib/*").addInstallIf("libfoo", "app-base=1.0-r0").datahash("00ff").build();
  }

  @Test
  void render_allKeys_abuildOrderDatahashLast() {
    assertEquals("""
        pkgname = libfoo2
        pkgver = 2.2-r0
        pkgdesc = test package
        url = https://example.invalid
        builddate = 1700000000
        packager = P <p@x>
        size = 62
        arch = x86_64
        origin = libfoo
        commit = abc
        maintainer = M <m@x>
        replaces_priority = 5
        provider_priority = 100
        license = MIT
        replaces = libfoo
        depend = so:libc.so.6
        depend = cmd:sh
        provides = so:libfoo.so.1=1.2.3
        triggers = /usr/lib/*
        install_if = libfoo
        install_if = app-base=1.0-r0
        datahash = 00ff
        """, full().render());
  }

  @Test
  void parse_render_roundTrips() throws PkgbuildException {
    assertEquals(full(), PkgInfo.parse(full().render()));
  }

  @Test
  void parse_apkRules_lastWinsListsAccumulateJunkIgnored() throws PkgbuildException {
    PkgInfo p = PkgInfo.parse("""
        # comment = ignored
        pkgname = a
        pkgver = 1.0-r0
        weird line without separator
        pkgver = 1.0-r1
        depend = foo bar baz
        depend = qux>=2
        provides = foo=1.0 bar
        unknownfield = x
        """);
    assertEquals("1.0-r1", p.pkgver());
    assertEquals(List.of("foo", "bar", "baz", "qux>=2"), p.depend());
    assertEquals(List.of("foo=1.0", "bar"), p.provides());
  }

  @Test
  void parse_badDependency_throws() {
    assertThrows(PkgbuildException.class, () -> PkgInfo.parse("pkgname = a\ndepend = foo>=1.0_bad\n"));
  }

  @Test
  void validate_invalidPkgver_namesIt() {
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> PkgInfo.builder("a", "1.0-1").build().validate());
    assertEquals("invalid version '1.0-1': '-' must start a revision '-rN'", e.getMessage());
  }
}
