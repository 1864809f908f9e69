package dev.pkgbuild.sca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyAnalyzerTest {
  @TempDir static Path bin;
  static ElfFixtures elf;
  @TempDir Path tmp;

  @BeforeAll
  static void compile() throws Exception {
    elf = ElfFixtures.compile(bin);
  }

  static void put(Path root, String rel, Path from, String mode) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.copy(from, f);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
  }

  static void text(Path root, String rel, String text, String mode) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
  }

  static void link(Path root, String rel, String target) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.createSymbolicLink(f, Path.of(target));
  }

  /** libfoo (the library), libfoo-dev (link, header, .pc) and foo (program, scripts, vendored lib). */
  static List<PackageTree> build(Path tmp) throws IOException {
    Path lib = tmp.resolve("libfoo");
    put(lib, "usr/lib/libfoo.so.1.2.3", elf.library(), "rwxr-xr-x");
    link(lib, "usr/lib/libfoo.so.1", "libfoo.so.1.2.3");
    Path dev = tmp.resolve("libfoo-dev");
    link(dev, "usr/lib/libfoo.so", "libfoo.so.1.2.3");
    text(dev, "usr/include/foo.h", "int foo(void);\n", "rw-r--r--");
    text(dev, "usr/lib/pkgconfig/foo.pc", "prefix=/usr\nmajor=1.2\n# comment\nName: foo\n"
        + "Version: ${major}.3\nRequires: zlib >= 1.2\nRequires.private: libpng\nLibs: -L${prefix}/lib -lfoo\n",
        "rw-r--r--");
    Path foo = tmp.resolve("foo");
    put(foo, "usr/bin/foo", elf.program(), "rwxr-xr-x");
    put(foo, "usr/bin/usebar", elf.vendorProgram(), "rwxr-xr-x");
    put(foo, "opt/foo/lib/libbar.so.2", elf.vendorLibrary(), "rwxr-xr-x");
    text(foo, "usr/bin/foo-wrapper", "#!/usr/bin/env bash\nexec foo \"$@\"\n", "rwxr-xr-x");
    text(foo, "usr/bin/foo-sh", "#!/bin/sh\nexec foo\n", "rwxr-xr-x");
    text(foo, "usr/bin/private", "#!/usr/bin/perl -w\n", "rwx------");
    return List.of(PackageTree.of("foo", "1.2.3-r0", foo), PackageTree.of("libfoo", "1.2.3-r0", lib),
        PackageTree.of("libfoo-dev", "1.2.3-r0", dev));
  }

  static PackageTree with(PackageTree p, boolean noProvides, boolean noDepends, boolean noCommands) {
    return new PackageTree(p.name(), p.fullVersion(), p.root(), noProvides, noDepends, noCommands,
        p.declaredRuntime(), p.declaredProvides());
  }

  @Test
  void analyze_programUsingSiblingLibrary_dependsOnTheSonameLibfooProvides() throws Exception {
    Map<String, Generated> g = DependencyAnalyzer.analyze(build(tmp));
    assertEquals(List.of("cmd:bash", "cmd:perl", "so:ld-linux-x86-64.so.2", "so:libc.so.6", "so:libfoo.so.1"),
        g.get("foo").depends());
    assertEquals(List.of("so:libfoo.so.1=1"), g.get("libfoo").provides());
    assertEquals(List.of("foo", "libfoo", "libfoo-dev"), List.copyOf(g.keySet()));
  }

  @Test
  void analyze_commandsInBin_provideCmdWithFullVersionOnlyWhenExecutableByAll() throws Exception {
    Generated foo = DependencyAnalyzer.analyze(build(tmp)).get("foo");
    assertEquals(List.of("cmd:foo-sh=1.2.3-r0", "cmd:foo-wrapper=1.2.3-r0", "cmd:foo=1.2.3-r0",
        "cmd:usebar=1.2.3-r0"), foo.provides());
  }

  @Test
  void analyze_vendoredLibraryInOpt_isVendoredAndNeverADependency() throws Exception {
    Generated foo = DependencyAnalyzer.analyze(build(tmp)).get("foo");
    assertEquals(List.of("so:libbar.so.2"), foo.vendored());
    assertFalse(foo.depends().stream().anyMatch(d -> d.contains("libbar")), foo.depends().toString());
    assertFalse(foo.provides().stream().anyMatch(d -> d.contains("libbar")), foo.provides().toString());
  }

  @Test
  void analyze_vendoredLibraryInSibling_dependsOnTheSiblingPackageName() throws Exception {
    List<PackageTree> pkgs = build(tmp);
    Path vendor = tmp.resolve("foo-vendor");
    Files.createDirectories(vendor.resolve("opt/foo"));
    Files.move(tmp.resolve("foo/opt/foo/lib"), vendor.resolve("opt/foo/lib"));
    List<PackageTree> withVendor = new java.util.ArrayList<>(pkgs);
    withVendor.add(PackageTree.of("foo-vendor", "1.2.3-r0", vendor));
    Generated foo = DependencyAnalyzer.analyze(withVendor).get("foo");
    assertTrue(foo.depends().contains("foo-vendor"), foo.depends().toString());
    assertFalse(foo.depends().contains("so:libbar.so.2"), foo.depends().toString());
  }

  @Test
  void analyze_devPackage_dependsOnLibraryThroughLinkAndOnPkgConfigRequires() throws Exception {
    Generated dev = DependencyAnalyzer.analyze(build(tmp)).get("libfoo-dev");
    assertEquals(List.of("pc:libpng", "pc:zlib>=1.2", "so:libfoo.so.1"), dev.depends());
    assertEquals(List.of("pc:foo=1.2.3"), dev.provides());
    assertEquals(List.of(), dev.warnings());
  }

  @Test
  void analyze_noProvides_keepsDependsAndTurnsSiblingDependencyIntoPackageName() throws Exception {
    List<PackageTree> p = build(tmp);
    Map<String, Generated> g = DependencyAnalyzer.analyze(List.of(with(p.get(0), true, false, false),
        with(p.get(1), true, false, false), p.get(2)));
    assertEquals(List.of(), g.get("foo").provides());
    assertEquals(List.of(), g.get("libfoo").provides());
    // melange#1366: no-provides must not switch off depends
    assertEquals(List.of("cmd:bash", "cmd:perl", "libfoo", "so:ld-linux-x86-64.so.2", "so:libc.so.6"),
        g.get("foo").depends());
    assertEquals(List.of("libfoo", "pc:libpng", "pc:zlib>=1.2"), g.get("libfoo-dev").depends());
  }

  @Test
  void analyze_noDepends_keepsProvidesAndDeclaredRuntime() throws Exception {
    List<PackageTree> p = build(tmp);
    PackageTree foo = new PackageTree("foo", "1.2.3-r0", p.get(0).root(), false, true, false,
        List.of("busybox"), List.of());
    Generated g = DependencyAnalyzer.analyze(List.of(foo, p.get(1), p.get(2))).get("foo");
    assertEquals(List.of("busybox"), g.depends());
    assertEquals(4, g.provides().size(), g.provides().toString());
  }

  @Test
  void analyze_noCommands_dropsOnlyCmdProvides() throws Exception {
    List<PackageTree> p = build(tmp);
    Map<String, Generated> g = DependencyAnalyzer.analyze(List.of(with(p.get(0), false, false, true),
        with(p.get(1), false, false, true), p.get(2)));
    assertEquals(List.of(), g.get("foo").provides());
    assertEquals(5, g.get("foo").depends().size(), g.get("foo").depends().toString());
    assertEquals(List.of("so:libfoo.so.1=1"), g.get("libfoo").provides());
  }

  @Test
  void analyze_declaredEntries_mergedSortedAndSelfProvidedRemoved() throws Exception {
    List<PackageTree> p = build(tmp);
    PackageTree lib = new PackageTree("libfoo", "1.2.3-r0", p.get(1).root(), false, false, false,
        List.of("so:libfoo.so.1", "zlib", "libfoo", "zlib"), List.of("foo-libs=1.2.3-r0"));
    Generated g = DependencyAnalyzer.analyze(List.of(p.get(0), lib, p.get(2))).get("libfoo");
    assertEquals(List.of("zlib"), g.depends());
    assertEquals(List.of("foo-libs=1.2.3-r0", "so:libfoo.so.1=1"), g.provides());
  }

  @Test
  void analyze_declaredConflictWithOwnProvidesAndTaggedSelfNeed_keepsTheConflictDropsTheNeed() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("solo"));
    PackageTree solo = new PackageTree("solo", "1-r0", root, false, false, false,
        List.of("!solo-compat", "solo-compat@edge>=1", "zlib"), List.of("solo-compat=1-r0"));
    Generated g = DependencyAnalyzer.analyze(List.of(solo)).get("solo");
    assertEquals(List.of("!solo-compat", "zlib"), g.depends());
  }

  @Test
  void analyze_malformedDeclaredAtom_failsNamingIt() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("bad"));
    PackageTree bad = new PackageTree("bad", "1-r0", root, false, false, false, List.of("x=1.0~beta!"), List.of());
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> DependencyAnalyzer.analyze(List.of(bad)));
    assertTrue(e.getMessage().startsWith("invalid dependency 'x=1.0~beta!': invalid version '1.0~beta!'"),
        e.getMessage());
  }

  @Test
  void analyze_pkgConfigVersionApkRefuses_fallsBackToThePackageVersion() throws Exception {
    Path root = tmp.resolve("long");
    // 18 digits: apk refuses the number, so the .pc version must not reach provides
    text(root, "usr/lib/pkgconfig/long.pc", "Version: 123456789012345678\nRequires: z >= 1.0~beta\n", "rw-r--r--");
    Generated g = DependencyAnalyzer.analyze(List.of(PackageTree.of("long", "2-r0", root))).get("long");
    assertEquals(List.of("pc:long=2-r0"), g.provides());
    assertEquals(List.of("pc:z"), g.depends());
    assertTrue(g.warnings().stream().anyMatch(w -> w.contains("123456789012345678")), g.warnings().toString());
  }

  @Test
  void analyze_oddPkgConfig_warnsAndNeverThrows() throws Exception {
    Path root = tmp.resolve("odd");
    text(root, "usr/lib/pkgconfig/odd.pc", "Version: ${nope}\nRequires: a >=, b != 2, >= c, d = 1.x!\n"
        + "garbage line\nx=${x}\n", "rw-r--r--");
    Generated g = DependencyAnalyzer.analyze(List.of(PackageTree.of("odd", "3-r1", root))).get("odd");
    assertEquals(List.of("pc:odd=3-r1"), g.provides());
    assertTrue(g.depends().containsAll(List.of("pc:a", "pc:b", "pc:d")), g.depends().toString());
    assertTrue(g.warnings().size() >= 4, g.warnings().toString());
    g.warnings().forEach(w -> assertTrue(w.contains("odd.pc"), w));
  }

  @Test
  void analyze_nonExecutableElf_readOutsideDataDirsOrWhenNamedLikeAnObject() throws Exception {
    Path root = tmp.resolve("odd");
    put(root, "usr/lib/foo/helper", elf.program(), "rw-r--r--");
    put(root, "usr/share/foo/addon.node", elf.vendorProgram(), "rw-r--r--");
    put(root, "usr/share/foo/blob", elf.program(), "rw-r--r--"); // data dir, plain name: not opened
    put(root, "usr/share/foo/helper-bin", elf.program(), "rwxr-xr-x");
    Generated g = DependencyAnalyzer.analyze(List.of(PackageTree.of("odd", "1-r0", root))).get("odd");
    assertTrue(g.depends().containsAll(List.of("so:libfoo.so.1", "so:libbar.so.2")), g.depends().toString());
  }

  @Test
  void analyze_hostileElfInTree_warnsNamingTheFile() throws Exception {
    Path root = tmp.resolve("bad");
    byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(elf.program()), 40);
    Files.createDirectories(root.resolve("usr/bin"));
    Files.write(root.resolve("usr/bin/cut"), cut);
    Generated g = DependencyAnalyzer.analyze(List.of(PackageTree.of("bad", "1-r0", root))).get("bad");
    assertTrue(g.warnings().get(0).contains("usr/bin/cut"), g.warnings().toString());
  }
}
