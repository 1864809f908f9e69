package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
  @TempDir Path tmp;

  @Test
  void keygen_nameAndDir_writesPairAndPrintsInstallHint() throws Exception {
    var out = new StringWriter();
    Path dir = tmp.resolve("keys");
    int code = CommandTree.commandLine().setOut(new PrintWriter(out))
        .execute("keygen", "--name", "acme", "--dir", dir.toString());
    assertEquals(ExitStatus.OK.code(), code);
    assertTrue(Files.isRegularFile(dir.resolve("acme.rsa")));
    assertTrue(Files.isRegularFile(dir.resolve("acme.rsa.pub")));
    assertTrue(out.toString().contains(dir.resolve("acme.rsa") + " (keep it secret)"), out.toString());
    assertTrue(out.toString().contains("/etc/apk/keys/acme.rsa.pub"), out.toString());
  }

  @Test
  void keygen_existingKey_badInputOneLine() throws Exception {
    Files.writeString(tmp.resolve("acme.rsa"), "keep");
    var err = new StringWriter();
    int code = CommandTree.commandLine().setErr(new PrintWriter(err))
        .execute("keygen", "--name", "acme", "--dir", tmp.toString());
    assertEquals(ExitStatus.BAD_INPUT.code(), code);
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("refusing to overwrite"), err.toString());
    assertEquals("keep", Files.readString(tmp.resolve("acme.rsa")));
  }
}
