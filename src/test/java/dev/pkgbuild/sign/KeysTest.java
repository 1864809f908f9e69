package dev.pkgbuild.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
  @TempDir Path dir;

  @Test
  void findDefault_missingDir_empty() throws Exception {
    assertEquals(Optional.empty(), Keys.findDefault(dir.resolve("keys")));
  }

  @Test
  void findDefault_onlyPublicKeys_empty() throws Exception {
    Files.writeString(dir.resolve("a.rsa.pub"), "x");
    assertEquals(Optional.empty(), Keys.findDefault(dir));
  }

  @Test
  void findDefault_oneKey_thatKey() throws Exception {
    Files.writeString(dir.resolve("a.rsa"), "x");
    Files.writeString(dir.resolve("a.rsa.pub"), "x");
    assertEquals(Optional.of(dir.resolve("a.rsa")), Keys.findDefault(dir));
  }

  @Test
  void findDefault_twoKeys_errorListsBothAndFlag() throws Exception {
    Files.writeString(dir.resolve("b.rsa"), "x");
    Files.writeString(dir.resolve("a.rsa"), "x");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> Keys.findDefault(dir));
    assertTrue(e.getMessage().contains("a.rsa, b.rsa"), e.getMessage());
    assertTrue(e.getMessage().contains("--signing-key"), e.getMessage());
  }
}
