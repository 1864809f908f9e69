package dev.pkgbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.LockFile;
import dev.pkgbuild.env.Locks;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.repo.EnvironmentRecord;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.testing.RecordingSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds whose recipes name repositories: the environment is resolved and installed once per
 * resolved set, every step is handed that root, and the package records what it was built with.
 * Orchestration only (the recording sandbox); the rooted sandbox itself is tested on its own.
 */
class BuilderEnvironmentTest {
  @TempDir Path tmp;
  SigningKey repoKey;
  Path envRepo;
  Path pub;
  RecordingSandbox fake;
  TestBuilds t;

  @BeforeEach
  void setUp() throws Exception {
    repoKey = RepoFixture.key(tmp.resolve("repo-keys"));
    envRepo = tmp.resolve("env-repo");
    publish("toolchain", "1.0-r0");
    pub = Files.writeString(tmp.resolve("trusted").resolve(repoKey.keyName()), repoKey.publicKeyPem());
    fake = RecordingSandbox.onHost();
    t = TestBuilds.with(tmp.resolve("b"), fake);
  }

  private void publish(String name, String version) throws Exception {
    Files.createDirectories(tmp.resolve("trusted"));
    Repository repo = Repository.open(envRepo, "x86_64", repoKey, Reporter.silent());
    repo.publish(List.of(RepoFixture.build(tmp.resolve("work"), repo.archDir(), repoKey, name, version)));
  }

  private Path recipe(String name, String... packages) throws Exception {
    String yaml = """
        package:
          name: %s
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
            packages: [%s]
        pipeline:
          - runs: mkdir -p ${{targets.destdir}}/usr/share/%s && echo ok > ${{targets.destdir}}/usr/share/%s/x
        """.formatted(name, envRepo, pub, String.join(", ", packages), name, name);
    Path dir = Files.createDirectories(tmp.resolve("recipes"));
    return Files.writeString(dir.resolve(name + ".yaml"), yaml);
  }

  @Test
  void stepsRunInTheInstalledRootAndASecondBuildReusesIt() throws Exception {
    t.build(recipe("foo", "toolchain"), 0);
    Path root = fake.execs().get(0).root();
    assertTrue(Files.isRegularFile(root.resolve("usr/share/toolchain/VERSION")), "the root holds the package");
    assertTrue(Files.readString(root.resolve("lib/apk/db/installed")).contains("P:toolchain\nV:1.0-r0\n"));
    assertEquals(1, fake.preparedRoots().size());
    assertTrue(fake.preparedRoots().get(0).getFileName().toString()
        .startsWith(".install-" + root.getFileName().toString().substring(0, 12)), "readied before it was shared");
    assertTrue(t.output().contains("(installed)"), t.output());

    // From now on the output repository is one of the environment's repositories (its
    // /etc/apk/repositories says so), so the next build installs once more, and later ones reuse that.
    t.build(recipe("bar", "toolchain"), 0);
    Path withOutput = fake.execs().get(fake.execs().size() - 1).root();
    assertEquals(2, fake.preparedRoots().size());
    t.build(recipe("baz", "toolchain"), 0);
    assertEquals(withOutput, fake.execs().get(fake.execs().size() - 1).root(), "the same set, the same root");
    assertEquals(2, fake.preparedRoots().size(), "a cached root is not installed or readied again");
    assertTrue(t.output().contains("(cached)"), t.output());
  }

  @Test
  void thePackageRecordsTheResolvedEnvironmentInItsSbomAndBesideItsInputs() throws Exception {
    t.build(recipe("foo", "toolchain"), 0);
    Path archDir = t.out().resolve("x86_64");
    EnvironmentRecord.Recorded rec = EnvironmentRecord.read(archDir, "foo-1.0-r0").orElseThrow();
    assertEquals(List.of("toolchain-1.0-r0"), rec.packages());
    assertEquals(fake.execs().get(0).root().getFileName().toString(), rec.rootId());
    String sbom = Files.readString(archDir.resolve("foo-1.0-r0.spdx.json"), StandardCharsets.UTF_8);
    assertTrue(sbom.contains("toolchain-1.0-r0"), sbom);
  }

  @Test
  void laterBuildsOfTheTreeInstallWhatEarlierOnesPublished() throws Exception {
    t.build(recipe("foo", "toolchain"), 0);
    t.build(recipe("usesfoo", "toolchain", "foo"), 0);
    Path root = fake.execs().get(fake.execs().size() - 1).root();
    assertTrue(Files.isRegularFile(root.resolve("usr/share/foo/x")), "foo came from the output repository");
  }

  @Test
  void planNotesANewerEnvironmentWithoutCallingTheRecipeChanged() throws Exception {
    Path r = recipe("foo", "toolchain");
    t.build(r, 0);
    publish("toolchain", "2.0-r0");
    TreeRequest req = new TreeRequest(List.of(r), t.request(r, 0), 1, false, false, java.util.Set.of(),
        List.of(envRepo));
    dev.pkgbuild.graph.PlannedRecipe p = new TreeBuilder(t.reporter, t.sandboxes, java.time.Clock.systemUTC())
        .plan(req).recipes().get(0);
    assertEquals(dev.pkgbuild.graph.PlanReason.PRESENT, p.reason());
    assertTrue(p.detail().contains("built against an older environment: toolchain-1.0-r0 (now toolchain-2.0-r0 in "),
        p.detail());
  }

  @Test
  void anUnsatisfiableEnvironmentFailsBeforeAnyStepNamingWhatIsMissing() throws Exception {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.build(recipe("foo", "nosuch"), 0));
    assertTrue(e.getMessage().startsWith("environment of foo: "), e.getMessage());
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    assertTrue(fake.execs().isEmpty(), "no step ran");
    assertFalse(Files.exists(t.out().resolve("x86_64/APKINDEX.tar.gz")), "nothing published");
  }

  @Test
  void withoutRepositoriesTheHostToolchainStandsInAndTheLogSaysSo() throws Exception {
    Path r = recipe("foo", "toolchain");
    Files.writeString(r, Files.readString(r).replaceAll("(?s)    repositories:.*?packages:", "    packages:"));
    t.build(r, 0);
    assertEquals(null, fake.execs().get(0).root());
    assertTrue(t.output().contains("the host toolchain stands in for: toolchain"), t.output());
  }

  @Test
  void aLockBesideTheRecipeHoldsTheBuildToTheLockedPackages() throws Exception {
    Path r = recipe("foo", "toolchain");
    BuildRequest req = t.request(r, 0);
    ResolvedEnvironment env = BuildRoots.environments(req, Reporter.silent()).resolve(BuildRoots.forRecipe(req));
    LockFile lock = Locks.of(r.toString(), Files.readAllBytes(r), env,
        BuildRoots.environments(req, Reporter.silent()).fetch(env));
    Files.writeString(LockFile.beside(r), lock.toJson());
    publish("toolchain", "2.0-r0");

    t.build(r, 0);
    Path root = fake.execs().get(0).root();
    assertTrue(Files.readString(root.resolve("lib/apk/db/installed")).contains("V:1.0-r0\n"), "the locked version");
    assertTrue(t.output().contains("environment held to foo.lock.json"), t.output());

    Files.delete(LockFile.beside(r));
    t.build(r, 1);
    assertNotEquals(root, fake.execs().get(fake.execs().size() - 1).root(), "unlocked, the newer one");
  }

  @Test
  void aLockThatNoLongerMatchesTheRecipeFailsClearly() throws Exception {
    publish("extra", "1.0-r0");
    Path r = recipe("foo", "toolchain");
    BuildRequest req = t.request(r, 0);
    ResolvedEnvironment env = BuildRoots.environments(req, Reporter.silent()).resolve(BuildRoots.forRecipe(req));
    Files.writeString(LockFile.beside(r), Locks.of(r.toString(), Files.readAllBytes(r), env,
        BuildRoots.environments(req, Reporter.silent()).fetch(env)).toJson());
    Path grown = recipe("foo", "toolchain", "extra");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> t.build(grown, 0));
    assertTrue(e.getMessage().contains("foo.lock.json no longer matches the environment"), e.getMessage());
    assertTrue(e.getMessage().contains("extra"), e.getMessage());
    assertTrue(fake.execs().isEmpty());
  }
}
