package dev.pkgbuild.apk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DependencyTest {

  @ParameterizedTest
  @ValueSource(strings = {"name", "name>=1.2", "so:libz.so.1", "cmd:foo", "pc:zlib>=2", "!conflict",
      "name~2.1", "name>~2.1", "name<~3", "name@tag", "name@tag>=1.0-r0", "!libfoo<2", "/bin/sh",
      "name><Q1c4ix/kmYGInJvC4W1WB7826BZxY="})
  void parse_validAtom_formatsBack(String atom) throws PkgbuildException {
    assertEquals(atom, Dependency.parse(atom).format());
  }

  @Test
  void parse_parts_split() throws PkgbuildException {
    assertEquals(new Dependency(true, "libfoo", "edge", "<", "2"), Dependency.parse("!libfoo@edge<2"));
    assertEquals(new Dependency(false, "pc:zlib", null, ">=", "2"), Dependency.parse("pc:zlib>=2"));
  }

  @Test
  void parse_invalidVersion_namesAtom() {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> Dependency.parse("foo>=1.0_bad"));
    assertTrue(e.getMessage().startsWith("invalid dependency 'foo>=1.0_bad': invalid version '1.0_bad'"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!", ">=1.0", "foo=>1", "foo@", "foo>="})
  void parse_malformed_throws(String atom) {
    assertThrows(PkgbuildException.class, () -> Dependency.parse(atom));
  }

  @Test
  void matches_operators_followApkSemantics() throws PkgbuildException {
    assertTrue(Dependency.parse("libfoo~2").matches("libfoo", "2.1-r3"));
    assertTrue(Dependency.parse("libfoo~2.1").matches("libfoo", "2.1-r3"));
    assertFalse(Dependency.parse("libfoo~2.2").matches("libfoo", "2.1-r3"));
    assertTrue(Dependency.parse("libfoo>~2.1").matches("libfoo", "2.1-r3"));
    assertTrue(Dependency.parse("libfoo>~2.1").matches("libfoo", "2.2"));
    assertFalse(Dependency.parse("libfoo<~2.1").matches("libfoo", "2.2"));
    assertFalse(Dependency.parse("libfoo=2.1").matches("libfoo", "2.1-r3"));
    assertTrue(Dependency.parse("libfoo<=2.1-r3").matches("libfoo", "2.1-r3"));
    assertTrue(Dependency.parse("so:libfoo.so.1>=1.2").matches("so:libfoo.so.1", "1.2.3"));
    assertFalse(Dependency.parse("foo-virtual=1").matches("foo-virtual", null));
    assertTrue(Dependency.parse("foo-virtual").matches("foo-virtual", null));
    assertFalse(Dependency.parse("foo").matches("bar", "1"));
    assertTrue(Dependency.parse("!libfoo").matches("libfoo", "1.0"));
  }

  @Test
  void parseAll_spaceSeparated_keepsOrder() throws PkgbuildException {
    List<Dependency> deps = Dependency.parseAll(" so:libfoo.so.1  cmd:foo pc:foo>=2 ");
    assertEquals(List.of("so:libfoo.so.1", "cmd:foo", "pc:foo>=2"), deps.stream().map(Dependency::format).toList());
  }

  @Test
  void parse_doubleEquals_isEqualAsInApkTools() throws PkgbuildException {
    assertTrue(Dependency.parse("libfoo==2.1-r3").matches("libfoo", "2.1-r3"));
    assertFalse(Dependency.parse("libfoo==2.1-r3").matches("libfoo", "2.1-r4"));
  }

  @Test
  void parse_spaceInsideAtom_saysSo() {
    PkgbuildException e = org.junit.jupiter.api.Assertions.assertThrows(PkgbuildException.class,
        () -> Dependency.parse("foo bar>>1"));
    assertEquals("invalid dependency 'foo bar>>1': one atom has no spaces (list each one on its own)", e.getMessage());
  }

  @Test
  void matches_identityPin_onlyThatChecksum() throws PkgbuildException {
    Dependency pin = Dependency.parse("same><Q1MU6BF5PUWwd4K9jyLbtCoi6uB6U=");
    assertTrue(pin.matches("same", "1.0-r0", "Q1MU6BF5PUWwd4K9jyLbtCoi6uB6U="));
    assertFalse(pin.matches("same", "1.0-r0", "Q1c4ix/kmYGInJvC4W1WB7826BZxY="));
    assertFalse(pin.matches("same", "1.0-r0"));
  }

  @Test
  void parse_tagBeforeOperator_only() throws PkgbuildException {
    assertEquals(new Dependency(false, "foo", "edge", ">=", "1"), Dependency.parse("foo@edge>=1"));
    assertThrows(PkgbuildException.class, () -> Dependency.parse("foo>=1@edge"));
    assertThrows(PkgbuildException.class, () -> Dependency.parse("foo=="));
    assertThrows(PkgbuildException.class, () -> Dependency.parse("foo=invalid"));
  }
}
