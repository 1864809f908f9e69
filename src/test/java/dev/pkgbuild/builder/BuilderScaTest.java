package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.RecordingSandbox;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared library and programs that use it, in a subpackage and in a second recipe: the
 * generated so: dependencies end up in the index and each is provided by libfoo.
 */
class BuilderScaTest {
  static final String LIBFOO_SOURCES = """
        mkdir -p src && cd src
        printf 'int foo(void) { return 42; }\\n' > foo.c
        printf 'int foo(void);\\nint main(void) { return foo() == 42 ? 0 : 1; }\\n' > main.c
        cc -shared -fPIC -Wl,-soname,libfoo.so.1 -o libfoo.so.1.0.0 foo.c
        ln -sf libfoo.so.1.0.0 libfoo.so.1 && ln -sf libfoo.so.1 libfoo.so
        cc -o foo main.c -L. -lfoo
      """;

  static void write(Path f, String text) throws Exception {
    Files.writeString(f, text);
  }

  @Test
  void build_libraryAndProgramsUsingIt_indexShowsSoDependenciesProvidedByLibfoo(@TempDir Path tmp) throws Exception {
    Requires.tool("gcc");
    Path dir = Files.createDirectories(tmp.resolve("recipes"));
    write(dir.resolve("libfoo.yaml"), """
        package:
          name: libfoo
          version: 1.0.0
          epoch: 0
          description: a library
          copyright:
            - license: MIT
        pipeline:
          - runs: |
        """ + LIBFOO_SOURCES.indent(4) + """
              mkdir -p ${{targets.destdir}}/usr/lib ${{targets.destdir}}/usr/bin
              cp -P libfoo.so.1.0.0 libfoo.so.1 ${{targets.destdir}}/usr/lib/
              install -m 755 foo ${{targets.destdir}}/usr/bin/foo
        subpackages:
          - name: foo-tools
            description: the program, split off
            pipeline:
              - runs: |
                  mkdir -p ${{targets.subpkgdir}}/usr/bin
                  mv ${{targets.destdir}}/usr/bin/foo ${{targets.subpkgdir}}/usr/bin/foo
        """);
    write(dir.resolve("foo.yaml"), """
        package:
          name: foo
          version: 2.0.0
          epoch: 0
          description: a program built against libfoo, shipping only itself
          copyright:
            - license: MIT
        pipeline:
          - runs: |
        """ + LIBFOO_SOURCES.indent(4) + """
              mkdir -p ${{targets.destdir}}/usr/bin
              install -m 755 foo ${{targets.destdir}}/usr/bin/foo2
        """);
    // What is checked is the analysis of what the steps made, not isolation: they run on the host.
    TestBuilds t = TestBuilds.with(tmp, RecordingSandbox.onHost());
    TreeResult r = new TreeBuilder(t.reporter, t.builder()::sandboxFor, java.time.Clock.systemUTC())
        .build(new TreeRequest(List.of(dir), t.request(dir, 0), 2, false, false, Set.of(), List.of()), TreeBuilderTest.QUIET);
    assertTrue(r.ok(), r.failures().toString());

    ApkIndex index = IndexArchive.read(t.out().resolve("x86_64/APKINDEX.tar.gz"), TrustedKeys.in(t.keys())).index();
    IndexEntry libfoo = entry(index, "libfoo");
    assertTrue(libfoo.provides().contains("so:libfoo.so.1=1"), libfoo.provides().toString());
    for (String user : List.of("foo-tools", "foo")) {
      IndexEntry e = entry(index, user);
      assertTrue(e.depends().contains("so:libfoo.so.1"), user + " depends " + e.depends());
      for (String dep : e.depends()) {
        if (dep.startsWith("so:libfoo")) {
          Dependency d = Dependency.parse(dep);
          assertTrue(libfoo.provides().stream().anyMatch(p -> p.startsWith(d.name() + "=")),
              dep + " is provided by libfoo");
        }
      }
    }
  }

  static IndexEntry entry(ApkIndex index, String name) {
    return index.entries().stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in the index"));
  }
}
