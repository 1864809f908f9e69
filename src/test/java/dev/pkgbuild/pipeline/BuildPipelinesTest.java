package dev.pkgbuild.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.testing.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the autoconf, cmake, perl and python pipelines on tiny local projects. */
class BuildPipelinesTest {
  @TempDir Path tmp;

  private ShellRun runner(Path cwd, Path ctx) {
    return new ShellRun(cwd)
        .set("targets.destdir", ctx.toString())
        .set("targets.contextdir", ctx.toString())
        .set("host.triplet.gnu", "x86_64-pc-linux-gnu");
  }

  /** A configure script that records its arguments and writes a Makefile. */
  private Path autoconfProject() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path configure = src.resolve("configure");
    Files.writeString(configure, "#!/bin/sh\necho \"$@\" > configure.args\ncp Makefile.in Makefile\n");
    assertTrue(configure.toFile().setExecutable(true));
    Files.writeString(src.resolve("Makefile.in"), String.join("\n",
        "all: hello", "hello:", "\techo built > hello", "install:",
        "\tmkdir -p $(DESTDIR)/usr/bin $(DESTDIR)/usr/lib",
        "\tcp hello $(DESTDIR)/usr/bin/hello", "\techo la > $(DESTDIR)/usr/lib/libhello.la", ""));
    return src;
  }

  @Test
  void autoconf_configureMakeInstall_installsIntoContextAndDropsLibtoolArchives() throws Exception {
    Requires.tool("make");
    Path src = autoconfProject();
    Path ctx = tmp.resolve("out/hello");
    ShellRun run = runner(src, ctx);

    assertTrue(run.run("autoconf/configure", Map.of("opts", "--disable-nls")).ok());
    String args = Files.readString(src.resolve("configure.args"));
    assertTrue(args.startsWith("--host=x86_64-pc-linux-gnu --build=x86_64-pc-linux-gnu --prefix=/usr"), args);
    assertTrue(args.strip().endsWith("--localstatedir=/var --disable-nls"), args);
    ShellRun.Result make = run.run("autoconf/make", Map.of());
    assertTrue(make.ok(), make.output());
    ShellRun.Result install = run.run("autoconf/make-install", Map.of());
    assertTrue(install.ok(), install.output());

    assertEquals("built\n", Files.readString(ctx.resolve("usr/bin/hello")));
    assertFalse(Files.exists(ctx.resolve("usr/lib/libhello.la")));
  }

  @Test
  void cmake_configureBuildInstall_installsProgram() throws Exception {
    Requires.tool("cmake");
    Requires.tool("ninja");
    Requires.tool("gcc");
    Path src = Files.createDirectories(tmp.resolve("cm"));
    Files.writeString(src.resolve("CMakeLists.txt"), String.join("\n",
        "cmake_minimum_required(VERSION 3.10)", "project(hi C)", "add_executable(hi hi.c)",
        "install(TARGETS hi DESTINATION bin)", ""));
    Files.writeString(src.resolve("hi.c"), "int main(void) { return 0; }\n");
    Path ctx = tmp.resolve("out/hi");
    ShellRun run = runner(src, ctx);

    for (String step : new String[] {"cmake/configure", "cmake/build", "cmake/install"}) {
      ShellRun.Result r = run.run(step, Map.of());
      assertTrue(r.ok(), step + ": " + r.output());
    }
    assertTrue(Files.isExecutable(ctx.resolve("usr/bin/hi")));
  }

  @Test
  void perlCleanup_bookkeepingFiles_areRemoved() throws Exception {
    Path ctx = tmp.resolve("out/perl-x");
    Path pod = ctx.resolve("usr/lib/perl5/core_perl/perllocal.pod");
    Path packlist = ctx.resolve("usr/lib/perl5/vendor_perl/auto/X/.packlist");
    Path module = ctx.resolve("usr/lib/perl5/vendor_perl/X.pm");
    for (Path p : new Path[] {pod, packlist, module}) {
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    assertTrue(runner(tmp, ctx).run("perl/cleanup", Map.of()).ok());
    assertFalse(Files.exists(pod));
    assertFalse(Files.exists(packlist));
    assertTrue(Files.exists(module));
  }

  @Test
  void pythonImport_importsLinesAndFrom_passOrFail() throws Exception {
    Requires.tool("python3");
    ShellRun run = runner(tmp, tmp.resolve("ctx"));
    Map<String, String> good = Map.of("python", "python3", "imports", "import os\n# comment\nfrom json import dumps  # x\n");
    ShellRun.Result ok = run.run("python/import", good);
    assertTrue(ok.ok(), ok.output());
    assertTrue(run.run("python/import", Map.of("python", "python3", "from", "os", "import", "path")).ok());
    ShellRun.Result bad = run.run("python/import", Map.of("python", "python3", "import", "no_such_module_xyz"));
    assertFalse(bad.ok());
    assertTrue(bad.output().contains("FAILED"), bad.output());
  }
}
