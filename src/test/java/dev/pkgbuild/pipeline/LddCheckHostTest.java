package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * test/ldd-check where the libc ships {@code ldd} (the host): the sandboxed run test covers the
 * root without one, where the pipeline asks the dynamic loader itself.
 */
class LddCheckHostTest {
  @TempDir Path tmp;

  private void cc(String... args) throws Exception {
    Process p = new ProcessBuilder(List.of(args)).directory(tmp.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor() == 0, out);
  }

  @Test
  void hostLdd_passesALinkedProgram_failsOneMissingItsLibraryOrNotDynamic() throws Exception {
    Requires.tool("gcc");
    Requires.tool("ldd");
    Files.writeString(tmp.resolve("lib.c"), "int answer(void) { return 42; }\n");
    Files.writeString(tmp.resolve("main.c"), "int answer(void);\nint main(void) { return answer(); }\n");
    cc("gcc", "-shared", "-fPIC", "-Wl,-soname,libgone.so.1", "-o", "libgone.so.1", "lib.c");
    cc("gcc", "-o", "needs-gone", "main.c", "libgone.so.1");
    Files.delete(tmp.resolve("libgone.so.1"));
    Path script = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh\n");
    ShellRun sh = new ShellRun(tmp);

    ShellRun.Result ok = sh.run("test/ldd-check", Map.of("files", "/bin/sh", "verbose", "true"));
    assertTrue(ok.ok(), ok.output());
    assertTrue(ok.output().contains("PASS: /bin/sh"), ok.output());
    assertTrue(ok.output().contains("libc.so.6 =>"), ok.output());

    ShellRun.Result missing = sh.run("test/ldd-check", Map.of("files", tmp.resolve("needs-gone") + " /bin/sh"));
    assertFalse(missing.ok(), missing.output());
    assertTrue(missing.output().contains("FAIL: " + tmp.resolve("needs-gone") + ": missing libgone.so.1"),
        missing.output());
    assertTrue(missing.output().contains("1 passed, 1 failed"), missing.output());

    ShellRun.Result text = sh.run("test/ldd-check", Map.of("files", script.toString()));
    assertFalse(text.ok(), text.output());
    assertTrue(text.output().contains(script + ": not dynamically linked"), text.output());
  }
}
