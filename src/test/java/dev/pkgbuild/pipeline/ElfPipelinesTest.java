package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs strip and split/debug on real ELF files built with the host's gcc. */
class ElfPipelinesTest {
  @TempDir Path tmp;

  private static String arch() {
    String a = System.getProperty("os.arch");
    return a.equals("amd64") ? "x86_64" : a.equals("arm64") ? "aarch64" : a;
  }

  /** Compiles a tiny C file with debug info; extra gcc flags as given. */
  private Path compile(String out, String... flags) throws IOException, InterruptedException {
    Requires.tool("gcc");
    Path c = tmp.resolve("t.c");
    Files.writeString(c, "int answer(void) { return 42; }\nint main(void) { return answer() - 42; }\n");
    Path target = tmp.resolve(out);
    Files.createDirectories(target.getParent());
    List<String> cmd = new java.util.ArrayList<>(List.of("gcc", "-g", "-o", target.toString()));
    cmd.addAll(Arrays.asList(flags));
    cmd.add(c.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, log);
    return target;
  }

  private ShellRun runner(Path dest, Path ctx) throws IOException {
    return new ShellRun(Files.createDirectories(tmp.resolve("home/build")))
        .set("targets.destdir", dest.toString())
        .set("targets.contextdir", ctx.toString())
        .set("targets.outdir", dest.getParent().toString())
        .set("build.arch", arch());
  }

  private static boolean contains(Path file, String needle) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle);
  }

  @Test
  void strip_nativeBinary_losesDebugInfoOthersUntouched() throws Exception {
    Requires.tool("strip");
    Path ctx = tmp.resolve("out/foo");
    Path bin = compile("out/foo/usr/bin/answer");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path script = ctx.resolve("usr/bin/script");
    Files.writeString(script, "#!/bin/sh\necho hi\n");
    // A foreign-machine ELF header (EM_ARM) that strip must not touch.
    byte[] foreign = new byte[64];
    System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1}, 0, foreign, 0, 7);
    foreign[16] = 2;
    foreign[18] = 40;
    Path fw = ctx.resolve("usr/lib/firmware/blob.elf");
    Files.createDirectories(fw.getParent());
    Files.write(fw, foreign);
    assertTrue(contains(bin, ".debug_info"), "gcc -g left no debug info");

    ShellRun.Result r = runner(ctx, ctx).run("strip", Map.of());

    assertTrue(r.ok(), r.output());
    assertFalse(contains(bin, ".debug_info"), "still has debug info");
    assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)));
    assertArrayEquals(foreign, Files.readAllBytes(fw));
    assertEquals("#!/bin/sh\necho hi\n", Files.readString(script));
    assertTrue(r.output().contains("stripped 1 file(s)"), r.output());
  }

  @Test
  void strip_noStripProgram_succeedsWithMessage() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("out/foo"));
    ShellRun.Result r = runner(ctx, ctx).env("PATH", tmp.resolve("empty-path").toString()).run("strip", Map.of());
    assertTrue(r.ok(), r.output());
    assertTrue(r.output().contains("no strip program"), r.output());
  }

  @Test
  void splitDebug_sharedLibrary_debugFileInSubpackageAndLinked() throws Exception {
    Requires.tool("objcopy");
    Path dest = tmp.resolve("out/foo");
    Path lib = compile("out/foo/usr/lib/libanswer.so.1", "-shared", "-fPIC");
    Path exe = compile("out/foo/usr/bin/answer", "-fPIE", "-pie");
    Path dbg = tmp.resolve("out/foo-dbg");

    ShellRun.Result r = runner(dest, dbg).run("split/debug", Map.of());

    assertTrue(r.ok(), r.output());
    Path debugFile = dbg.resolve("usr/lib/debug/usr/lib/libanswer.so.1.debug");
    assertTrue(Files.isRegularFile(debugFile), r.output());
    assertTrue(contains(debugFile, ".debug_info"));
    assertFalse(contains(lib, ".debug_info"));
    assertTrue(contains(lib, ".gnu_debuglink"));
    // A PIE executable is ET_DYN as well, and must still run afterwards.
    assertTrue(Files.isRegularFile(dbg.resolve("usr/lib/debug/usr/bin/answer.debug")));
    Process run = new ProcessBuilder(exe.toString()).start();
    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, run.exitValue());
  }
}
