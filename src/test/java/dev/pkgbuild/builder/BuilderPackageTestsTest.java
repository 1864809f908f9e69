package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.EnvironmentRecord;
import dev.pkgbuild.testing.DebianToolchainRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test:} blocks run after the build, before publishing, in the real sandbox with a fresh
 * root of the test's packages (busybox from the Debian toolchain repository) and the package
 * under test as just built.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BuilderPackageTestsTest {
  @TempDir Path tmp;
  DebianToolchainRepo toolchain;
  TestBuilds t;

  @BeforeEach
  void setUp() throws Exception {
    TestBuilds.requireRunner("bubblewrap");
    toolchain = DebianToolchainRepo.require();
    t = new TestBuilds(tmp, "bubblewrap");
  }

  private Path recipe(String version, String mainTest, String subTest) throws Exception {
    String yaml = """
        package:
          name: greet
          version: %s
          epoch: 0
          copyright:
            - license: MIT
        environment:
          contents:
            repositories: [%s]
            keyring: [%s]
            packages: [busybox]
        pipeline:
          - runs: |
              mkdir -p ${{targets.destdir}}/usr/share/greet
              echo ${{package.version}} > ${{targets.destdir}}/usr/share/greet/VERSION
        subpackages:
          - name: greet-extra
            pipeline:
              - runs: |
                  mkdir -p ${{targets.subpkgdir}}/usr/share/greet-extra
                  echo extra > ${{targets.subpkgdir}}/usr/share/greet-extra/x
            test:
              environment:
                contents:
                  packages: [busybox]
              pipeline:
                - name: extra is installed
                  runs: %s
        test:
          environment:
            contents:
              packages: [busybox]
          pipeline:
            - name: version check
              runs: %s
        """.formatted(version, toolchain.root(), toolchain.publicKey(), subTest, mainTest);
    return Files.writeString(tmp.resolve("greet.yaml"), yaml);
  }

  // separate commands, not an && list: errexit stops at any of them
  private static final String MAIN_OK = "grep -qx \"$(cat /home/build/want)\" /usr/share/greet/VERSION; "
      + "test ! -e /usr/bin/git; test ! -e /usr/share/greet-extra/x";
  private static final String SUB_OK = "test -f /usr/share/greet-extra/x";

  @Test
  void passingTestsOfMainAndSubpackageRunInTheirOwnRootsAndAreRecorded() throws Exception {
    Files.createDirectories(tmp.resolve("greet"));
    Files.writeString(tmp.resolve("greet/want"), "1.0\n"); // the source dir reaches the test workspace
    t.build(recipe("1.0", MAIN_OK, SUB_OK), 0);
    String log = t.output();
    assertTrue(log.contains("greet test passed"), log);
    assertTrue(log.contains("greet-extra test passed"), log);
    Path archDir = t.out().resolve("x86_64");
    assertTrue(Files.isRegularFile(archDir.resolve("greet-1.0-r0.apk")));
    EnvironmentRecord.Recorded rec = EnvironmentRecord.read(EnvironmentRecord.testFile(archDir, "greet-1.0-r0"))
        .orElseThrow();
    assertTrue(rec.packages().contains("greet-1.0-r0") && rec.packages().stream().anyMatch(p -> p.startsWith("busybox-")),
        rec.packages().toString());
    String sbom = Files.readString(archDir.resolve("greet-1.0-r0.spdx.json"));
    assertTrue(sbom.contains("TEST_DEPENDENCY_OF") && sbom.contains("installed in the test environment that passed"),
        sbom);
  }

  @Test
  void aFailingSubpackageTestFailsTheBuildNamingTheStepAndPublishesNothing() throws Exception {
    Files.createDirectories(tmp.resolve("greet"));
    Files.writeString(tmp.resolve("greet/want"), "1.0\n");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> t.build(recipe("1.0", MAIN_OK, "test -f /usr/share/greet-extra/missing"), 0));
    assertEquals(ExitStatus.FAILED, e.status());
    assertTrue(e.getMessage().startsWith("greet-extra test: step 'extra is installed' ("), e.getMessage());
    assertTrue(e.getMessage().contains("greet.yaml:"), e.getMessage());
    assertFalse(Files.exists(t.out().resolve("x86_64/APKINDEX.tar.gz")), "nothing published");
  }

  @Test
  void theVersionJustBuiltIsTestedWhileARepositoryHoldsAHigherOne() throws Exception {
    Files.createDirectories(tmp.resolve("greet"));
    Files.writeString(tmp.resolve("greet/want"), "2.0\n");
    t.build(recipe("2.0", MAIN_OK, SUB_OK), 0);
    Files.writeString(tmp.resolve("greet/want"), "1.0\n");
    // the output repository (one of the environment's repositories now) holds greet-2.0-r0
    t.build(recipe("1.0", MAIN_OK, SUB_OK), 0);
    assertTrue(t.output().contains("greet-1.0-r0 as just built"), t.output());
    assertTrue(Files.isRegularFile(t.out().resolve("x86_64/greet-1.0-r0.apk")));
  }

  @Test
  void skipTestsSkipsThemAndTheLogSaysSo() throws Exception {
    t.builder().build(t.request(recipe("1.0", "false", "false"), 0).withSkipTests(true));
    assertTrue(t.output().contains("tests skipped (--skip-tests): greet greet-extra"), t.output());
    assertTrue(Files.isRegularFile(t.out().resolve("x86_64/greet-1.0-r0.apk")));
  }

  @Test
  void testRunsTheRecipesTestsAgainstThePackagesAlreadyInTheRepository() throws Exception {
    Files.createDirectories(tmp.resolve("greet"));
    Files.writeString(tmp.resolve("greet/want"), "1.0\n");
    Path r = recipe("1.0", MAIN_OK, SUB_OK);
    t.builder().build(t.request(r, 0).withSkipTests(true));
    assertEquals(java.util.List.of("greet-1.0-r0: test passed (2 packages)", "greet-extra-1.0-r0: test passed (2 packages)"),
        t.builder().test(t.request(r, 0)));

    PkgbuildException missing = assertThrows(PkgbuildException.class,
        () -> t.builder().test(t.request(recipe("1.1", MAIN_OK, SUB_OK), 0)));
    assertEquals("greet-1.1-r0 is not in " + t.out().resolve("x86_64") + ": build it first (pkgbuild build "
        + tmp.resolve("greet.yaml") + ")", missing.getMessage());

    PkgbuildException fails = assertThrows(PkgbuildException.class,
        () -> t.builder().test(t.request(recipe("1.0", "false", SUB_OK), 0)));
    assertTrue(fails.getMessage().startsWith("greet test: step 'version check'"), fails.getMessage());
  }

  @Test
  void withoutRepositoriesTheTestRunsOverTheHostToolchainAndTheLogSaysSo() throws Exception {
    Path r = Files.writeString(tmp.resolve("hostgreet.yaml"), """
        package:
          name: hostgreet
          version: 1.0
          epoch: 0
          copyright:
            - license: MIT
        pipeline:
          - runs: |
              mkdir -p ${{targets.destdir}}/usr/share/hostgreet
              echo 1.0 > ${{targets.destdir}}/usr/share/hostgreet/VERSION
        test:
          environment:
            contents:
              packages: [grep]
          pipeline:
            - name: installed over the host
              runs: grep -qx 1.0 /usr/share/hostgreet/VERSION; [ -x /usr/bin/grep ]
        """);
    t.build(r, 0);
    assertTrue(t.output().contains("hostgreet test: not hermetic, no repositories: hostgreet-1.0-r0 over the host "
        + "toolchain, which stands in for: grep"), t.output());
    assertTrue(t.output().contains("hostgreet test passed"), t.output());

    Files.writeString(r, Files.readString(r).replace("grep -qx 1.0", "grep -qx 2.0"));
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.build(r, 1));
    assertTrue(e.getMessage().startsWith("hostgreet test: step 'installed over the host'"), e.getMessage());
  }
}
