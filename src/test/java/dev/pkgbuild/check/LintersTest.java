package dev.pkgbuild.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.sca.ElfFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LintersTest {
  @TempDir static Path bin;
  static ElfFixtures elf;
  @TempDir Path tmp;

  /** Makes a crafted case inside a package root. */
  interface Setup {
    void make(Path root) throws Exception;
  }

  @BeforeAll
  static void compile() throws Exception {
    elf = ElfFixtures.compile(bin);
  }

  static Path file(Path root, String rel, String mode) throws IOException {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "x\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  static void link(Path root, String rel, String target) throws IOException {
    Files.createDirectories(root.resolve(rel).getParent());
    Files.createSymbolicLink(root.resolve(rel), Path.of(target));
  }

  static void chmod(Path f, String mode) throws Exception {
    assertEquals(0, new ProcessBuilder("chmod", mode, f.toString()).start().waitFor());
  }

  /** A tidy package: a program, a versioned library with its soname link, data, a config. */
  static void clean(Path root) throws IOException {
    Files.createDirectories(root.resolve("usr/bin"));
    Files.copy(elf.program(), root.resolve("usr/bin/foo"));
    Files.createDirectories(root.resolve("usr/lib"));
    Files.copy(elf.library(), root.resolve("usr/lib/libfoo.so.1.2.3"));
    link(root, "usr/lib/libfoo.so.1", "libfoo.so.1.2.3");
    file(root, "usr/share/foo/data.txt", "rw-r--r--");
    file(root, "etc/foo.conf", "rw-r--r--");
    file(root, "var/lib/db/sbom/foo-1-r0.spdx.json", "rw-r--r--");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("dev", (Setup) r -> file(r, "dev/null", "rw-r--r--")),
        Arguments.of("setuidgid", (Setup) r -> chmod(file(r, "usr/bin/su", "rwxr-xr-x"), "4755")),
        Arguments.of("tempdir", (Setup) r -> file(r, "var/tmp/x", "rw-r--r--")),
        Arguments.of("varempty", (Setup) r -> file(r, "var/empty/x", "rw-r--r--")),
        Arguments.of("worldwrite", (Setup) r -> file(r, "etc/open", "rw-rw-rw-")),
        Arguments.of("infodir", (Setup) r -> file(r, "usr/share/info/dir", "rw-r--r--")),
        Arguments.of("usrmerge", (Setup) r -> file(r, "sbin/init", "rwxr-xr-x")),
        Arguments.of("opt", (Setup) r -> file(r, "opt/foo/x", "rw-r--r--")),
        Arguments.of("srv", (Setup) r -> file(r, "srv/www/x", "rw-r--r--")),
        Arguments.of("usrlocal", (Setup) r -> file(r, "usr/local/share/x", "rw-r--r--")),
        Arguments.of("home", (Setup) r -> file(r, "home/build/x", "rw-r--r--")),
        Arguments.of("object", (Setup) r -> file(r, "usr/lib/foo.o", "rw-r--r--")),
        Arguments.of("binaryarch", (Setup) LintersTest::aarch64Binary),
        Arguments.of("binaryarch", (Setup) r -> {
          aarch64Binary(r);
          Files.setPosixFilePermissions(r.resolve("usr/libexec/arm"), PosixFilePermissions.fromString("rw-r--r--"));
          Files.move(r.resolve("usr/libexec/arm"), r.resolve("usr/libexec/libarm.so.1"));
        }),
        Arguments.of("staticarchive", (Setup) r -> file(r, "usr/lib/libfoo.a", "rw-r--r--")),
        Arguments.of("devfiles", (Setup) r -> file(r, "usr/include/foo.h", "rw-r--r--")),
        Arguments.of("devfiles", (Setup) r -> file(r, "usr/lib/pkgconfig/foo.pc", "rw-r--r--")),
        Arguments.of("devfiles", (Setup) r -> link(r, "usr/lib/libfoo.so", "libfoo.so.1.2.3")),
        Arguments.of("documentation", (Setup) r -> file(r, "usr/share/man/man1/foo.1", "rw-r--r--")),
        Arguments.of("libtool/la-files", (Setup) r -> file(r, "usr/lib/libfoo.la", "rw-r--r--")),
        Arguments.of("python/pycache", (Setup) r -> file(r, "usr/lib/py/__pycache__/m.pyc", "rw-r--r--")),
        Arguments.of("danglingsymlink", (Setup) r -> link(r, "usr/bin/gone", "../lib/nothing")));
  }

  static void aarch64Binary(Path root) throws IOException {
    byte[] b = Files.readAllBytes(elf.program());
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 183);
    Files.createDirectories(root.resolve("usr/libexec"));
    Files.write(root.resolve("usr/libexec/arm"), b);
    Files.setPosixFilePermissions(root.resolve("usr/libexec/arm"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static final Set<String> OFF_BY_DEFAULT = Set.of("documentation", "empty");

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void run_craftedCase_firesWithDefaultSeverityAndDisabledSilencesIt(String check, Setup setup) throws Exception {
    Path root = tmp.resolve("foo");
    clean(root);
    setup.make(root);
    LintOptions on = new LintOptions(Set.of(), OFF_BY_DEFAULT, List.of());
    List<Finding> findings = Linters.run("foo", root, "x86_64", on);
    Severity expected = OFF_BY_DEFAULT.contains(check) ? Severity.WARNING : Linters.defaults().get(check);
    assertTrue(findings.stream().anyMatch(f -> f.check().equals(check) && f.severity() == expected),
        findings.toString());
    List<Finding> off = Linters.run("foo", root, "x86_64", new LintOptions(Set.of(check), OFF_BY_DEFAULT, List.of()));
    assertFalse(off.stream().anyMatch(f -> f.check().equals(check)), off.toString());
  }

  @Test
  void run_cleanPackage_findsNothingEvenWithEveryCheckOn() throws Exception {
    Path root = tmp.resolve("foo");
    clean(root);
    assertEquals(List.of(), Linters.run("foo", root, "x86_64", new LintOptions(Set.of(), OFF_BY_DEFAULT, List.of())));
  }

  @Test
  void run_emptyPackageWhenEnabled_warns() throws Exception {
    Path root = tmp.resolve("meta");
    Files.createDirectories(root.resolve("usr/share"));
    assertEquals(List.of(), Linters.run("meta", root, "x86_64", Set.of()));
    List<Finding> f = Linters.run("meta", root, "x86_64", new LintOptions(Set.of(), Set.of("empty"), List.of()));
    assertEquals(List.of(new Finding("empty", Severity.WARNING, "", "package contains no files")), f);
  }

  @Test
  void run_devFilesInDevPackageAndLinkIntoSibling_areQuiet() throws Exception {
    Path lib = tmp.resolve("libfoo");
    clean(lib);
    Path dev = tmp.resolve("libfoo-dev");
    file(dev, "usr/include/foo.h", "rw-r--r--");
    file(dev, "usr/lib/libfoo.a", "rw-r--r--");
    link(dev, "usr/lib/libfoo.so", "libfoo.so.1.2.3");
    List<Finding> f = Linters.run("libfoo-dev", dev, "x86_64", new LintOptions(Set.of(), Set.of(), List.of(lib)));
    assertEquals(List.of(), f);
  }

  @Test
  void failed_errorFinding_failsAndDisabledRequiredCheckDoesNot() throws Exception {
    Path root = tmp.resolve("foo");
    file(root, "tmp/leftover", "rw-r--r--");
    assertTrue(Linters.failed(Linters.run("foo", root, "x86_64", Set.of())));
    assertFalse(Linters.failed(Linters.run("foo", root, "x86_64", Set.of("tempdir"))));
  }
}
