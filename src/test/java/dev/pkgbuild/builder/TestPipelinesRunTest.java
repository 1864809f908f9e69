package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.PkgInfoBuilder;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.ClientSettings;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.InstallRequest;
import dev.pkgbuild.env.Installer;
import dev.pkgbuild.env.RepositoryClient;
import dev.pkgbuild.env.VerifiedPackage;
import dev.pkgbuild.pipeline.RecipeCompiler;
import dev.pkgbuild.pipeline.Step;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.sandbox.ExecRequest;
import dev.pkgbuild.sandbox.ExecResult;
import dev.pkgbuild.sandbox.Sandbox;
import dev.pkgbuild.sandbox.SandboxSelector;
import dev.pkgbuild.testing.DebianToolchainRepo;
import dev.pkgbuild.testing.Requires;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalog's test pipelines run for real: each test block is compiled from a recipe and its
 * steps run in the real sandbox with an installed root as {@code /}. The root holds busybox and
 * libc6 from the Debian toolchain repository plus small packages made here; every pipeline
 * passes on a package that meets it and fails on one that does not.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TestPipelinesRunTest {
  static final long EPOCH = 1_700_000_000L;
  static final Path HOST_PKGCONF = Path.of("/usr/bin/pkgconf");
  static final Path HOST_LIBPKGCONF = Path.of("/usr/lib/x86_64-linux-gnu/libpkgconf.so.3");

  @TempDir static Path tmp;
  private static Path root;
  private static final Map<String, Sandbox> prepared = new HashMap<>();
  private static final AtomicInteger runs = new AtomicInteger();

  @BeforeAll
  static void installRoot() throws Exception {
    DebianToolchainRepo repo = DebianToolchainRepo.require();
    Requires.tool("cc");
    Requires.that(Files.isRegularFile(HOST_PKGCONF) && Files.isRegularFile(HOST_LIBPKGCONF),
        "test/pkgconf needs the host's pkgconf and libpkgconf.so.3 to package (the toolchain repository has none)");
    TestBuilds.openForSandbox(tmp);
    Path c = compileC(Files.createDirectories(tmp.resolve("c")));

    RepositoryClient client = new RepositoryClient(ClientSettings.of(tmp.resolve("cache"), tmp.resolve("work")),
        Reporter.silent());
    Environments envs = new Environments(client);
    List<String> world = List.of("busybox", "libc6");
    List<VerifiedPackage> packages = new ArrayList<>(envs.fetch(envs.resolve(new EnvironmentRequest(
        List.of(repo.root().toString()), List.of(repo.publicKey().toString()), world, "x86_64", false))));
    packages.addAll(ours(c));
    List<String> all = packages.stream().map(p -> p.entry().name()).toList();
    root = tmp.resolve("root");
    Installer.install(root, new InstallRequest(packages, all, List.of(), List.of(), "x86_64", EPOCH));
  }

  /**
   * hello (links libhello.so.1, which it ships), broken (links libgone.so.1, which nothing
   * ships) and a Python extension module linking a library that lies beside it.
   */
  private static Path compileC(Path dir) throws Exception {
    Files.writeString(dir.resolve("lib.c"), "int hello_answer(void) { return 42; }\n");
    Files.writeString(dir.resolve("hello.c"),
        "#include <stdio.h>\nint hello_answer(void);\nint main(void) { printf(\"%d\\n\", hello_answer()); return 0; }\n");
    cc(dir, "-shared", "-fPIC", "-Wl,-soname,libhello.so.1", "-o", "libhello.so.1", "lib.c");
    cc(dir, "-shared", "-fPIC", "-Wl,-soname,libgone.so.1", "-o", "libgone.so.1", "lib.c");
    cc(dir, "-shared", "-fPIC", "-Wl,-soname,libbeside.so.1", "-o", "libbeside.so.1", "lib.c");
    Files.writeString(dir.resolve("ext.c"), "int hello_answer(void);\nint ext(void) { return hello_answer(); }\n");
    cc(dir, "-shared", "-fPIC", "-o", "_ext.so", "ext.c", "libbeside.so.1");
    cc(dir, "-o", "hello", "hello.c", "libhello.so.1");
    cc(dir, "-o", "broken", "hello.c", "libgone.so.1");
    return dir;
  }

  private static void cc(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("cc"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
  }

  private static List<VerifiedPackage> ours(Path c) throws Exception {
    List<VerifiedPackage> out = new ArrayList<>();
    out.add(pkg(info("hello", "hello, a test program").addProvides("hello-any=1.0-r0"), t -> {
      copy(c.resolve("hello"), t, "usr/bin/hello", 0755);
      copy(c.resolve("libhello.so.1"), t, "usr/lib/libhello.so.1", 0755);
      write(t, "usr/lib/pkgconfig/hello.pc", "prefix=/usr\nName: hello\nDescription: hello\nVersion: 1.0\n"
          + "Libs: -L${prefix}/lib -lhello\nCflags: -I${prefix}/include/hello\n");
      write(t, "usr/bin/hello-daemon", "#!/bin/sh\necho \"hello-daemon: listening on 8080\"\n"
          + "[ \"$1\" = --fail ] && echo 'ERROR: cannot bind'\nexec sleep 60\n");
      Files.setAttribute(t.resolve("usr/bin/hello-daemon"), "unix:mode", 0755);
    }));
    out.add(pkg(info("broken", "a program whose library is missing"), t -> {
      copy(c.resolve("broken"), t, "usr/bin/broken", 0755);
      write(t, "usr/lib/pkgconfig/broken.pc", "Name: broken\nDescription: broken\nVersion: 1.0\n"
          + "Requires: no-such-module\nLibs: -lbroken\n");
      write(t, "usr/share/man/man1/broken.1", ".TH BROKEN 1\n.SH NAME\nbroken\n");
    }));
    out.add(pkg(info("py3-hello", "a Python extension module"), t -> {
      copy(c.resolve("_ext.so"), t, "usr/lib/python3.12/site-packages/hello/_ext.so", 0755);
      copy(c.resolve("libbeside.so.1"), t, "usr/lib/python3.12/site-packages/hello/libbeside.so.1", 0755);
    }));
    out.add(pkg(info("hello-doc", "hello (documentation)"), t -> {
      Path man = Files.createDirectories(t.resolve("usr/share/man/man1")).resolve("hello.1.gz");
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
        z.write(".TH HELLO 1\n.SH NAME\nhello \\- say hello\n".getBytes());
      }
      Files.write(man, gz.toByteArray());
      write(t, "usr/share/doc/hello/README", "hello says hello\n");
    }));
    out.add(pkg(info("hello-meta", "hello metapackage").addDepend("hello"), t -> {}));
    // the host's own pkgconf (Debian 12, like the repository's libc6)
    out.add(pkg(info("pkgconf", "pkgconf from the host"), t -> {
      copy(HOST_PKGCONF, t, "usr/bin/pkgconf", 0755);
      copy(HOST_LIBPKGCONF.toRealPath(), t, "usr/lib/x86_64-linux-gnu/libpkgconf.so.3", 0644);
    }));
    out.add(pkg(info("hello-empty", "nothing at all"), t -> {}));
    return out;
  }

  private static PkgInfoBuilder info(String name, String description) {
    return PkgInfo.builder(name, "1.0-r0").arch("x86_64").pkgdesc(description).url("https://example.invalid/" + name)
        .addLicense("MIT").origin("hello").builddate(EPOCH);
  }

  @FunctionalInterface
  private interface Tree {
    void make(Path dir) throws IOException;
  }

  /** A package of {@code tree} plus the SBOM file every package pkgbuild builds carries. */
  private static VerifiedPackage pkg(PkgInfoBuilder info, Tree tree) throws Exception {
    PkgInfo i = info.build();
    Path dir = Files.createDirectories(tmp.resolve("tree-" + i.pkgname()));
    tree.make(dir);
    write(dir, "var/lib/db/sbom/" + i.pkgname() + "-1.0-r0.spdx.json", "{}\n");
    Path apk = tmp.resolve(i.pkgname() + "-1.0-r0.apk");
    WrittenApk w = new ApkWriter(null, List.of(), EPOCH, null).writeTo(i, dir, Map.of(), apk);
    return VerifiedPackage.of(apk, w.indexEntry());
  }

  private static void write(Path dir, String path, String text) throws IOException {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static void copy(Path from, Path dir, String path, int mode) throws IOException {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    Files.copy(from, f);
    Files.setAttribute(f, "unix:mode", mode);
  }

  private static synchronized Sandbox sandbox(String runner) throws Exception {
    TestBuilds.requireRunner(runner);
    Requires.tool("unshare"); // both runners start rooted steps with it
    Sandbox s = prepared.get(runner);
    if (s == null) {
      s = SandboxSelector.forHost(System.getenv("PATH")).select(runner).sandbox();
      s.prepareRoot(root);
      prepared.put(runner, s);
    }
    return s;
  }

  /** The outcome of a test block: the exit code of the step that ended it and all output. */
  record Run(int exitCode, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }

    Run passes() {
      assertEquals(0, exitCode, text());
      return this;
    }

    Run fails() {
      assertNotEquals(0, exitCode, text());
      return this;
    }

    Run says(String part) {
      assertTrue(lines.stream().anyMatch(l -> l.contains(part)), "no line with '" + part + "' in:\n" + text());
      return this;
    }
  }

  /** Compiles a recipe for package {@code pkg} whose test block is {@code steps}, then runs it in the root. */
  private static Run test(String runner, String pkg, String steps) throws Exception {
    Sandbox sandbox = sandbox(runner);
    int n = runs.incrementAndGet();
    Path recipe = tmp.resolve("recipe-" + n + ".yaml");
    Files.writeString(recipe, """
        package:
          name: %s
          version: 1.0
          epoch: 0
          copyright:
            - license: MIT
        test:
          pipeline:
        %s""".formatted(pkg, steps.strip().indent(4)));
    List<Step> compiled = new RecipeCompiler(List.of()).compile(recipe, Arch.X86_64, Map.of()).main().test()
        .pipeline();
    Path ws = Files.createDirectories(tmp.resolve("ws-" + n));
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    for (Step step : compiled) {
      int rc = run(sandbox, ws, step, lines);
      if (rc != 0) {
        return new Run(rc, List.copyOf(lines));
      }
    }
    return new Run(0, List.copyOf(lines));
  }

  /** A step's script, then its children, as the builder runs them; the first non-zero exit. */
  private static int run(Sandbox sandbox, Path ws, Step step, List<String> lines) throws Exception {
    if (step.runs() != null && !step.runs().isBlank()) {
      Map<String, String> env = new HashMap<>(Map.of("PATH", BuildEnvironment.PATH, "HOME", StepScript.HOME));
      env.putAll(step.environment());
      ExecResult r = sandbox.run(new ExecRequest(ws, StepScript.argv(step.runs(), step.workingDirectory()), env,
          StepScript.workdir(step.workingDirectory()), Duration.ofMinutes(2), lines::add, false).withRoot(root));
      if (!r.ok()) {
        return r.exitCode();
      }
    }
    for (Step child : step.children()) {
      int rc = run(sandbox, ws, child, lines);
      if (rc != 0) {
        return rc;
      }
    }
    return 0;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void lddCheck_findsEveryLibrary_andNamesTheMissingOne(String runner) throws Exception {
    test(runner, "hello", "- uses: test/ldd-check\n  with:\n    packages: ${{package.name}}\n").passes()
        .says("PASS: /usr/bin/hello").says("PASS: /usr/lib/libhello.so.1").says("2 file(s) checked, 2 passed");
    test(runner, "hello", "- uses: test/ldd-check\n  with:\n    files: /usr/bin/hello\n    verbose: true\n")
        .passes().says("libhello.so.1 => /usr/lib/libhello.so.1");
    // an extension module finds the library beside it, as in Python's site-packages
    test(runner, "py3-hello", "- uses: test/ldd-check\n  with:\n    packages: py3-hello\n    verbose: true\n")
        .passes().says("PASS: /usr/lib/python3.12/site-packages/hello/_ext.so")
        .says("libbeside.so.1 => /usr/lib/python3.12/site-packages/hello/libbeside.so.1");
    test(runner, "broken", "- uses: test/ldd-check\n  with:\n    packages: broken\n").fails()
        .says("FAIL: /usr/bin/broken: missing libgone.so.1");
    // a named file must exist and be dynamically linked
    test(runner, "hello", "- uses: test/ldd-check\n  with:\n    files: /usr/bin/hello-daemon /usr/bin/none\n")
        .fails().says("FAIL: /usr/bin/hello-daemon: not dynamically linked").says("FAIL: /usr/bin/none: no such file");
    test(runner, "hello", "- uses: test/ldd-check\n  with:\n    packages: not-installed\n").fails()
        .says("package not-installed is not installed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void pkgconf_readsEachPcFile_andFailsOnABrokenOne(String runner) throws Exception {
    test(runner, "hello", "- uses: test/pkgconf\n").passes().says("-lhello").says("-I/usr/include/hello")
        .says("PASS: hello (/usr/lib/pkgconfig/hello.pc)");
    test(runner, "broken", "- uses: test/pkgconf\n").fails().says("no-such-module");
    test(runner, "hello-doc", "- uses: test/pkgconf\n").passes().says("holds no .pc files");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void docs_passOnADocPackage_failOnOneWithoutDocsOrFiles(String runner) throws Exception {
    test(runner, "hello-doc", "- uses: test/docs\n").passes()
        .says("PASS: package hello-doc holds 2 readable documentation file(s) under /usr/share");
    test(runner, "hello", "- uses: test/docs\n").fails().says("none under /usr/share");
    test(runner, "hello-empty", "- uses: test/docs\n").fails().says("installs no files");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void noDocs_passesWithoutManPages_failsWithThem_skipsDocPackages(String runner) throws Exception {
    test(runner, "hello", "- uses: test/no-docs\n").passes().says("holds no man or info pages");
    test(runner, "broken", "- uses: test/no-docs\n").fails()
        .says("/usr/share/man/man1/broken.1 (manual page)").says("- uses: split/manpages");
    test(runner, "hello-doc", "- uses: test/no-docs\n").passes().says("SKIP: hello-doc is a documentation package");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void emptyAndMetapackage_passOnEmptyPackages_failOnOthers(String runner) throws Exception {
    test(runner, "hello-empty", "- uses: test/emptypackage\n").passes().says("PASS: package hello-empty is empty");
    test(runner, "hello", "- uses: test/emptypackage\n").fails().says("/usr/bin/hello");
    test(runner, "hello-meta", "- uses: test/metapackage\n").passes()
        .says("is a metapackage").says("has 1 runtime dependencies: hello");
    test(runner, "hello-empty", "- uses: test/metapackage\n").fails()
        .says("does not mention 'meta'").says("has no runtime dependencies");
    test(runner, "hello", "- uses: test/metapackage\n").fails().says("should be empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void virtualpackage_providedByTheRealOne_notInstalledItself(String runner) throws Exception {
    test(runner, "hello", "- uses: test/virtualpackage\n  with:\n    virtual-pkg-name: hello-any\n"
        + "    real-pkg-name: hello\n").passes().says("PASS: hello provides hello-any");
    test(runner, "hello", "- uses: test/virtualpackage\n  with:\n    virtual-pkg-name: hello-any\n"
        + "    real-pkg-name: broken\n").fails().says("broken does not list hello-any");
    // a "virtual" name that is a real installed package of the tested version
    test(runner, "hello", "- uses: test/virtualpackage\n  with:\n    virtual-pkg-name: hello-meta\n").fails()
        .says("hello-meta-1.0-r0 is installed as a package of its own");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void daemonCheckOutput_waitsForTheOutput_failsOnErrorsOrSilence(String runner) throws Exception {
    test(runner, "hello", """
        - uses: test/daemon-check-output
          with:
            setup: |
              echo preparing > /tmp/setup-ran
            start: /usr/bin/hello-daemon
            expected_output: |
              listening on [0-9][0-9]*
              hello-daemon
            post: |
              cat /tmp/setup-ran
        """).passes().says("PASS: all 2 expected pattern(s) appeared").says("preparing");
    test(runner, "hello", """
        - uses: test/daemon-check-output
          with:
            start: /usr/bin/hello-daemon --fail
            expected_output: listening
        """).fails().says("matches error pattern 'ERROR'");
    test(runner, "hello", """
        - uses: test/daemon-check-output
          with:
            start: /usr/bin/hello-daemon
            expected_output: ready to serve
            timeout: 2
        """).fails().says("gave up after 2 second(s)").says("never appeared");
  }
}
