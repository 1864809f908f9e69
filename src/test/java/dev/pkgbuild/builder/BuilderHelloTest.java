package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled example, built for real in the sandbox and read back. */
class BuilderHelloTest {
  static final Path HELLO = Path.of("recipes/hello.yaml");

  @Test
  void build_helloExample_publishesSignedPackagesAndIndexThatVerify(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    Requires.tool("gcc");
    TestBuilds t = new TestBuilds(tmp, "auto");
    BuildResult r = t.build(HELLO, 1700000000L);

    Set<String> names = r.packages().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    assertEquals(Set.of("hello-1.2.0-r0.apk", "hello-dev-1.2.0-r0.apk", "hello-doc-1.2.0-r0.apk"), names);
    TrustedKeys keys = TrustedKeys.in(t.keys());
    for (Path apk : r.packages()) {
      ApkVerifier.Result v = ApkVerifier.verify(apk, keys);
      assertTrue(v.ok(), apk + ": " + v.problems() + " " + v.signature());
    }
    IndexArchive.Read index = IndexArchive.read(r.index(), keys);
    assertEquals(List.of(), index.problems());
    assertEquals(3, index.index().entries().size());
    try (var pubs = Files.list(t.out())) {
      assertEquals(1, pubs.filter(p -> p.toString().endsWith(".rsa.pub")).count(), "public key at the repo root");
    }
    assertTrue(Files.isRegularFile(r.log()), "the build log is kept next to the packages");
  }

  @Test
  void build_helloExample_splitsFilesIntoDevAndDocPackages(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    Requires.tool("gcc");
    BuildResult r = new TestBuilds(tmp, "auto").build(HELLO, 0);
    assertEquals(Set.of("usr", "usr/bin", "usr/bin/hello", "usr/lib", "usr/lib/libhello.so.1",
        "usr/lib/libhello.so.1.2.0"), paths(r.packages().get(0)));
    assertTrue(paths(r.packages().get(1)).contains("usr/include/hello.h"));
    assertTrue(paths(r.packages().get(1)).contains("usr/lib/pkgconfig/hello.pc"));
    assertTrue(paths(r.packages().get(2)).contains("usr/share/man/man1/hello.1"));
  }

  @Test
  void build_twiceWithSameEpoch_givesIdenticalPackagesAndIndex(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    Requires.tool("gcc");
    TestBuilds first = new TestBuilds(tmp.resolve("a"), "auto");
    BuildResult a = first.build(HELLO, 1700000000L);
    // The second build reuses the first build's key but has its own repository.
    TestBuilds second = new TestBuilds(tmp.resolve("b"), "auto");
    Files.createDirectories(second.root);
    copyTree(first.keys(), second.keys());
    BuildResult b = second.build(HELLO, 1700000000L);
    for (int i = 0; i < a.packages().size(); i++) {
      assertArrayEquals(Files.readAllBytes(a.packages().get(i)), Files.readAllBytes(b.packages().get(i)),
          a.packages().get(i).getFileName() + " differs");
    }
    assertArrayEquals(Files.readAllBytes(a.index()), Files.readAllBytes(b.index()));
  }

  @Test
  void build_helloExample_programRunsWhenExtracted(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    Requires.tool("gcc");
    Requires.tool("tar");
    BuildResult r = new TestBuilds(tmp, "auto").build(HELLO, 0);
    Path root = Files.createDirectories(tmp.resolve("root"));
    Process tar = new ProcessBuilder("tar", "-xzf", r.packages().get(0).toString(), "-C", root.toString())
        .redirectErrorStream(true).start();
    tar.getInputStream().readAllBytes();
    assertEquals(0, tar.waitFor());
    ProcessBuilder run = new ProcessBuilder(root.resolve("usr/bin/hello").toString(), "pkgbuild");
    run.environment().put("LD_LIBRARY_PATH", root.resolve("usr/lib").toString());
    Process hello = run.redirectErrorStream(true).start();
    String out = new String(hello.getInputStream().readAllBytes());
    assertEquals(0, hello.waitFor(), out);
    assertEquals("Hello, pkgbuild!\n", out);
  }

  @Test
  void build_helloExample_linterAndScaStayQuiet(@TempDir Path tmp) throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    Requires.tool("gcc");
    TestBuilds t = new TestBuilds(tmp, "auto");
    t.build(HELLO, 0);
    List<String> warnings = t.reporter.lines().stream().filter(l -> l.startsWith("warning:")).toList();
    assertEquals(List.of(), warnings);
  }

  static Set<String> paths(Path apk) throws Exception {
    return dev.pkgbuild.apk.ApkReader.read(apk).entries().stream().map(TarEntry::name)
        .map(n -> n.endsWith("/") ? n.substring(0, n.length() - 1) : n)
        .filter(n -> !n.startsWith("var")).collect(Collectors.toSet());
  }

  static void copyTree(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (var s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }
}
