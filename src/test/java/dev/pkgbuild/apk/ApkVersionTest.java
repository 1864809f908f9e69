package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApkVersionTest {

  static Stream<Arguments> oracleCases() throws IOException {
    List<String> lines = Files.readAllLines(Requires.shared().resolve("testdata/apk-version-cases.tsv"));
    return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t"))
        .map(f -> Arguments.of(f[0], f[1], f[2]));
  }

  @ParameterizedTest(name = "{0} {2} {1}")
  @MethodSource("oracleCases")
  void compare_oracleRow_matchesApkTools(String a, String b, String expected) {
    int want = switch (expected) {
      case "<" -> -1;
      case ">" -> 1;
      default -> 0;
    };
    assertTrue(ApkVersion.isValid(a), a);
    assertTrue(ApkVersion.isValid(b), b);
    assertEquals(want, Integer.signum(ApkVersion.compare(a, b)), a + " vs " + b);
    assertEquals(-want, Integer.signum(ApkVersion.compare(b, a)), b + " vs " + a);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.0-r1", "1.0_rc1_p1", "1.0.0_git20240101", "1.0a_p1", "12345678901234567"})
  void isValid_documentedValid_true(String v) {
    assertTrue(ApkVersion.isValid(v), ApkVersion.invalidReason(v));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0-1", "1.0_foo", "1.0-r1a", "1.0_p1.2", "1.0ab", "1.0A", "1.0_patch1", "1.0_p1a",
      "1.0_p1a1", "1.0-r1_p1", "1.0-r1.2", "1.0a.1", "1_0", "1.0+", "1.0~1", "123456789012345678",
      "1.0a1", "1.0a1.2", "1a2b3", "v1.0", "1.0.", "1..0", ".1", "", "1.0-r", "1.0-r1-r2"})
  void isValid_documentedInvalidOrLoose_false(String v) {
    assertFalse(ApkVersion.isValid(v), v);
    assertNotNull(ApkVersion.invalidReason(v));
  }

  @Test
  void parse_invalid_namesValueAndReason() {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> ApkVersion.parse("1.0_foo"));
    assertEquals("invalid version '1.0_foo': unknown suffix '_foo' (use alpha, beta, pre, rc, cvs, svn, git, hg or p)",
        e.getMessage());
  }

  @Test
  void compareFuzzy_prefix_equal() {
    assertEquals(0, ApkVersion.compareFuzzy("2.1-r3", "2"));
    assertEquals(0, ApkVersion.compareFuzzy("2.1-r3", "2.1"));
    assertTrue(ApkVersion.compareFuzzy("2.1-r3", "2.2") < 0);
  }

  @Test
  void compareTo_sortsRecords() throws PkgbuildException {
    assertTrue(ApkVersion.parse("1.0_rc1").compareTo(ApkVersion.parse("1.0")) < 0);
  }
}
