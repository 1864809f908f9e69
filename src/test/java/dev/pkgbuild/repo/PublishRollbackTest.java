package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.AtomicFiles;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A publish is all or nothing, and nothing an unfinished publish moved in is ever adopted. */
@Timeout(120)
class PublishRollbackTest {
  @TempDir Path tmp;
  SigningKey key;
  Repository repo;

  /** What a process killed at the index write leaves: no catch block runs, so nothing is undone. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  @BeforeEach
  void setUp() throws Exception {
    key = RepoFixture.key(tmp.resolve("keys"));
    repo = Repository.open(tmp.resolve("repo"), "x86_64", key, Reporter.silent());
    repo.publish(List.of(pkg("alpha", "1.0-r0")));
  }

  StagedApk pkg(String name, String version) throws Exception {
    return RepoFixture.build(tmp, repo.archDir(), key, name, version);
  }

  /** The same name and version with other content (so another checksum). */
  StagedApk changed(String name, String version) throws Exception {
    Files.writeString(tmp.resolve("tree-" + name + "-" + version + "/usr/share/" + name + "/EXTRA"), "more\n");
    return pkg(name, version);
  }

  /** As a packager hands it over: already read back, so publishing does not read it again. */
  static StagedApk checked(StagedApk s) {
    return new StagedApk(s.file(), s.entry(), true, s.entry());
  }

  List<String> apkFiles() throws IOException {
    try (Stream<Path> s = Files.list(repo.archDir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".apk") && !n.startsWith("."))
          .sorted().toList();
    }
  }

  List<String> indexed() throws Exception {
    return repo.index().entries().stream().map(IndexEntry::fileName).toList();
  }

  String checksumOnDisk(String file) throws Exception {
    return PackageInspector.verifying(TrustedKeys.of(key)).inspect(repo.archDir().resolve(file)).checksum();
  }

  @Test
  void publish_twoPackagesOfOneName_isRefusedBeforeAnythingMoves() throws Exception {
    byte[] before = Files.readAllBytes(repo.indexFile());
    StagedApk first = pkg("dup", "1.0-r0");
    StagedApk second = changed("dup", "1.0-r0");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> repo.publish(List.of(first, pkg("other", "1.0-r0"), second)));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertTrue(e.getMessage().contains("two packages named dup at version 1.0-r0"), e.getMessage());
    assertEquals(List.of("alpha-1.0-r0.apk"), apkFiles());
    assertArrayEquals(before, Files.readAllBytes(repo.indexFile()));

    repo.publish(List.of(pkg("zeta", "1.0-r0")));
    assertEquals(List.of("alpha-1.0-r0.apk", "zeta-1.0-r0.apk"), indexed());
    assertEquals(indexed(), apkFiles());
  }

  @Test
  void publish_failingAfterSomeMoves_removesThemAndTheNextPublishAdoptsNothing() throws Exception {
    byte[] before = Files.readAllBytes(repo.indexFile());
    StagedApk beta = checked(pkg("beta", "1.0-r0"));
    StagedApk gamma = checked(pkg("gamma", "1.0-r0"));
    Files.delete(gamma.file()); // the second move fails after the first was made
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> repo.publish(List.of(beta, gamma)));
    assertTrue(e.getMessage().contains("cannot put"), e.getMessage());
    assertEquals(List.of("alpha-1.0-r0.apk"), apkFiles());
    assertArrayEquals(before, Files.readAllBytes(repo.indexFile()));

    repo.publish(List.of(pkg("zeta", "1.0-r0")));
    assertEquals(List.of("alpha-1.0-r0.apk", "zeta-1.0-r0.apk"), indexed());
  }

  @Test
  void publish_indexWriteFails_removesMovedPackagesRestoresReplacedAndKeepsOldIndex() throws Exception {
    byte[] before = Files.readAllBytes(repo.indexFile());
    String alphaBefore = checksumOnDisk("alpha-1.0-r0.apk");
    Repository full = repo.withIndexSink((target, bytes) -> {
      throw new IOException("No space left on device");
    });
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> full.publish(List.of(changed("alpha", "1.0-r0"), pkg("beta", "1.0-r0"))));
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals(List.of("alpha-1.0-r0.apk"), apkFiles());
    assertEquals(alphaBefore, checksumOnDisk("alpha-1.0-r0.apk"));
    assertArrayEquals(before, Files.readAllBytes(repo.indexFile()));
    assertFalse(Files.exists(repo.archDir().resolve(".pkgbuild/journal")));

    repo.publish(List.of(pkg("zeta", "1.0-r0")));
    assertEquals(List.of("alpha-1.0-r0.apk", "zeta-1.0-r0.apk"), indexed());
    assertEquals(alphaBefore, repo.index().entries().get(0).checksum());
  }

  @Test
  void publish_afterCrashBetweenMovesAndIndex_removesAndRestoresWhatTheDeadPublishMoved() throws Exception {
    String alphaBefore = checksumOnDisk("alpha-1.0-r0.apk");
    Repository killed = repo.withIndexSink((target, bytes) -> {
      throw new Killed();
    });
    assertThrows(Killed.class, () -> killed.publish(List.of(changed("alpha", "1.0-r0"), pkg("beta", "1.0-r0"))));
    assertTrue(Files.exists(repo.archDir().resolve(".pkgbuild/journal")), "a kill leaves the journal");
    assertEquals(List.of("alpha-1.0-r0.apk", "beta-1.0-r0.apk"), apkFiles());

    PublishResult r = repo.publish(List.of(pkg("zeta", "1.0-r0")));
    assertEquals(List.of("alpha-1.0-r0.apk", "zeta-1.0-r0.apk"), indexed());
    assertEquals(indexed(), apkFiles());
    assertEquals(alphaBefore, checksumOnDisk("alpha-1.0-r0.apk"));
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("removed beta-1.0-r0.apk")), r.notes().toString());
    assertFalse(Files.exists(repo.archDir().resolve(".pkgbuild/journal")));
  }

  @Test
  void publish_afterCrashOnceTheIndexWasWritten_keepsThatPublishsPackages() throws Exception {
    StagedApk alpha2 = changed("alpha", "1.0-r0");
    Repository killedAfterIndex = repo.withIndexSink((target, bytes) -> {
      AtomicFiles.write(target, bytes);
      throw new Killed();
    });
    assertThrows(Killed.class, () -> killedAfterIndex.publish(List.of(alpha2, pkg("beta", "1.0-r0"))));
    assertTrue(Files.exists(repo.archDir().resolve(".pkgbuild/journal")));

    repo.publish(List.of(pkg("zeta", "1.0-r0")));
    assertEquals(List.of("alpha-1.0-r0.apk", "beta-1.0-r0.apk", "zeta-1.0-r0.apk"), indexed());
    assertEquals(indexed(), apkFiles());
    assertEquals(alpha2.entry().checksum(), checksumOnDisk("alpha-1.0-r0.apk"));
    assertFalse(Files.exists(repo.archDir().resolve(".pkgbuild/replaced/alpha-1.0-r0.apk")));
  }

  @Test
  void withdraw_indexWriteFails_putsTheWithdrawnFileBack() throws Exception {
    Repository full = repo.withIndexSink((target, bytes) -> {
      throw new IOException("No space left on device");
    });
    assertThrows(PkgbuildException.class, () -> full.withdraw(List.of("alpha-1.0-r0")));
    assertEquals(List.of("alpha-1.0-r0.apk"), apkFiles());
    assertEquals(List.of("alpha-1.0-r0.apk"), indexed());
  }
}
