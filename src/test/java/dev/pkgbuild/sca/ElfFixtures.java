package dev.pkgbuild.sca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small ELF files compiled with gcc for the tests: a library with a soname and programs. */
public record ElfFixtures(Path library, Path program, Path staticProgram, Path vendorLibrary, Path vendorProgram) {
  /** Compiles libfoo.so.1.2.3 (soname libfoo.so.1), a program using it and a static stripped program. */
  public static ElfFixtures compile(Path dir) throws IOException, InterruptedException {
    Requires.tool("gcc");
    Files.writeString(dir.resolve("foo.c"), "int foo(void) { return 42; }\n");
    Files.writeString(dir.resolve("main.c"), "int foo(void);\nint main(void) { return foo() - 42; }\n");
    Files.writeString(dir.resolve("plain.c"), "int main(void) { return 0; }\n");
    Path lib = dir.resolve("libfoo.so.1.2.3");
    gcc(dir, "-shared", "-fPIC", "-Wl,-soname,libfoo.so.1", "-Wl,-rpath,/opt/foo/lib", "-o", lib.toString(),
        "foo.c");
    Files.createSymbolicLink(dir.resolve("libfoo.so"), lib.getFileName());
    Path prog = dir.resolve("foo");
    gcc(dir, "-o", prog.toString(), "main.c", "-L" + dir, "-lfoo");
    Path stat = dir.resolve("plain-static");
    gcc(dir, "-static", "-s", "-o", stat.toString(), "plain.c");
    Files.writeString(dir.resolve("bar.c"), "int bar(void) { return 7; }\n");
    Files.writeString(dir.resolve("usebar.c"), "int bar(void);\nint main(void) { return bar() - 7; }\n");
    Path bar = dir.resolve("libbar.so.2");
    gcc(dir, "-shared", "-fPIC", "-Wl,-soname,libbar.so.2", "-o", bar.toString(), "bar.c");
    Files.createSymbolicLink(dir.resolve("libbar.so"), bar.getFileName());
    Path usebar = dir.resolve("usebar");
    gcc(dir, "-o", usebar.toString(), "usebar.c", "-L" + dir, "-lbar", "-Wl,-rpath,/opt/foo/lib");
    Files.delete(dir.resolve("libfoo.so"));
    Files.delete(dir.resolve("libbar.so"));
    return new ElfFixtures(lib, prog, stat, bar, usebar);
  }

  private static void gcc(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("gcc"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "gcc failed: " + out);
  }
}
