package dev.pkgbuild.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact-token and strict substitution passes, and Go replacement syntax. */
class SubstTest {
  static final Map<String, String> M = Map.of("package.version", "1.2", "vars.x", "y");

  @Test
  void exact_whitespaceOrUnknown_leftAlone() {
    assertEquals("v1.2 ${{ package.version }} ${{vars.nope}}",
        Subst.exact("v${{package.version}} ${{ package.version }} ${{vars.nope}}", M));
  }

  @Test
  void strict_whitespaceInsideBraces_accepted() throws Exception {
    assertEquals("1.2-y", Subst.strict("${{ package.version }}-${{vars.x}}", M));
  }

  @Test
  void strict_unknownName_throwsWithName() {
    Subst.UnknownName e = assertThrows(Subst.UnknownName.class, () -> Subst.strict("a ${{ vars.nope }}", M));
    assertEquals("vars.nope", e.name());
  }

  @Test
  void goReplacement_groupsNamedAndDollar_converted() {
    assertEquals("$1.${name}\\$x", Subst.goReplacement("${1}.${name}$$x", 1, java.util.Set.of("name")));
    // Go reads "$2_" as a group named "2_", which does not exist, so it expands to nothing
    assertEquals("$1", Subst.goReplacement("$2_$1", 2, java.util.Set.of()));
    assertEquals("", Subst.goReplacement("$3${nope}", 2, java.util.Set.of()));
  }

  @Test
  void arch_aliases_resolve() throws Exception {
    assertEquals(Arch.X86_64, Arch.parse("amd64"));
    assertEquals(Arch.AARCH64, Arch.parse("ARM64"));
    assertEquals("aarch64-unknown-linux-musl", Arch.AARCH64.gnuTriplet("musl"));
    assertEquals("x86_64-unknown-linux-gnu", Arch.X86_64.rustTriplet());
  }
}
