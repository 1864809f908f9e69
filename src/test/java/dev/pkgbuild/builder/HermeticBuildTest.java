package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkContents;
import dev.pkgbuild.apk.ApkReader;
import dev.pkgbuild.repo.EnvironmentRecord;
import dev.pkgbuild.testing.DebianToolchainRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole chain of issue 11: a C recipe whose environment is {@code build-base} and
 * {@code busybox} from a toolchain repository served over HTTP (made from Debian's packages),
 * built in the real sandbox with that root as {@code /}: the host's files are not there, the
 * program is compiled by the root's gcc, and a second build reuses the root.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class HermeticBuildTest {
  @TempDir Path tmp;

  static final String RECIPE = """
      package:
        name: hello-c
        version: 1.0
        epoch: 0
        copyright:
          - license: MIT
      environment:
        contents:
          repositories:
            - %s
          keyring:
            - %s
          packages:
            - build-base
            - busybox
      pipeline:
        - name: no host files
          runs: |
            for f in /usr/bin/git /etc/debian_version /usr/bin/java /usr/bin/mvn; do
              if [ -e "$f" ]; then echo "host file visible: $f"; exit 1; fi
            done
        - name: compile
          runs: |
            cat > hello.c <<'EOF'
            #include <stdio.h>
            int main(void) { puts("hello from the root"); return 0; }
            EOF
            printf 'hello: hello.c\\n\\tcc -O2 -o hello hello.c\\n' > Makefile
            make
            ./hello
            mkdir -p ${{targets.destdir}}/usr/bin
            cp hello ${{targets.destdir}}/usr/bin/hello
        - name: writes outside the workspace vanish
          runs: |
            echo scratch > /usr/lib/pkgbuild-scratch
            echo scratch > /etc/pkgbuild-scratch
      """;

  @ParameterizedTest
  @ValueSource(strings = {"bubblewrap", "unshare"})
  void aCRecipeBuildsFromTheToolchainRepositoryAloneAndReusesItsRoot(String runner) throws Exception {
    TestBuilds.requireRunner(runner);
    DebianToolchainRepo repo = DebianToolchainRepo.require();
    try (DebianToolchainRepo.Served served = repo.serve()) {
      TestBuilds t = new TestBuilds(tmp, runner);
      Path recipe = Files.writeString(tmp.resolve("hello-c.yaml"), RECIPE.formatted(served.url(), served.keyUrl()));
      BuildResult first = t.builder().build(t.request(recipe, 0, false));
      String log = t.output();
      assertTrue(log.contains("hello from the root"), log);
      assertTrue(log.contains(" (installed)"), log);

      ApkContents apk = ApkReader.read(first.packages().get(0));
      assertTrue(apk.entries().stream().anyMatch(e -> e.name().equals("usr/bin/hello")), "the program is packaged");
      assertTrue(apk.pkginfoText().contains("depend = so:libc.so.6"), apk.pkginfoText());

      Path archDir = t.out().resolve("x86_64");
      EnvironmentRecord.Recorded env = EnvironmentRecord.read(archDir, "hello-c-1.0-r0").orElseThrow();
      assertTrue(env.packages().stream().anyMatch(p -> p.startsWith("gcc-12-")), env.packages().toString());
      Path root = t.cache().resolve("roots").resolve(env.rootId());
      assertFalse(Files.exists(root.resolve("usr/lib/pkgbuild-scratch")), "the cached root is never written");
      assertFalse(Files.exists(root.resolve("etc/pkgbuild-scratch")));
      assertTrue(Files.readString(archDir.resolve("hello-c-1.0-r0.spdx.json")).contains("busybox-"));

      // The same environment again (the output repository is now one of its repositories, so
      // the next root differs once): the build after that reuses the root as it is.
      t.builder().build(t.request(recipe, 1, false));
      t.reporter.lines().clear();
      t.builder().build(t.request(recipe, 2, true)); // offline: the root and its packages are at hand
      assertTrue(t.output().contains(" (cached)"), t.output());
    }
  }
}
