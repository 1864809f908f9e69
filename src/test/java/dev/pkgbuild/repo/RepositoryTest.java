package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(120)
class RepositoryTest {
  @TempDir Path tmp;
  SigningKey key;
  Path root;
  Repository repo;

  @BeforeEach
  void setUp() throws Exception {
    key = RepoFixture.key(tmp.resolve("keys"));
    root = tmp.resolve("repo");
    repo = Repository.open(root, "x86_64", key, Reporter.silent());
  }

  StagedApk pkg(String name, String version) throws Exception {
    return RepoFixture.build(tmp, repo.archDir(), key, name, version);
  }

  List<String> indexed() throws Exception {
    return repo.index().entries().stream().map(IndexEntry::fileName).toList();
  }

  @Test
  void publish_newPackages_placesFilesSignsIndexAndPublishesKey() throws Exception {
    PublishResult r = repo.publish(List.of(pkg("alpha", "1.0-r0"), pkg("beta", "2.1-r3")));
    assertEquals(List.of("alpha-1.0-r0.apk", "beta-2.1-r3.apk"), indexed());
    assertEquals(2, r.added().size());
    for (String f : indexed()) {
      assertTrue(ApkVerifier.verify(repo.archDir().resolve(f), TrustedKeys.of(key)).ok(), f);
    }
    assertEquals(key.publicKeyPem(), Files.readString(root.resolve("test.rsa.pub")));
    try (var s = Files.list(repo.archDir())) {
      List<String> hidden = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && !n.equals(".lock")).toList();
      assertEquals(List.of(), hidden, "temp files left");
    }
  }

  @Test
  void publish_keyFileAtRoot_keptWhenSameAndReplacedWhenStale() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0")));
    Path pub = root.resolve("test.rsa.pub");
    Object inode = Files.readAttributes(pub, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    repo.publish(List.of(pkg("beta", "1.0-r0")));
    assertEquals(inode, Files.readAttributes(pub, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
        "an unchanged key file is not rewritten");
    Files.writeString(pub, key.publicKeyPem().replace('A', 'B'));
    repo.repair();
    assertEquals(key.publicKeyPem(), Files.readString(pub));
  }

  @Test
  void publish_oneMoreIntoFullRepo_readsOnlyTheNewPackage() throws Exception {
    List<Path> reads = Collections.synchronizedList(new ArrayList<>());
    PackageInspector real = PackageInspector.verifying(TrustedKeys.of(key));
    Repository counting = repo.withInspector(p -> {
      reads.add(p);
      return real.inspect(p);
    });
    for (int i = 0; i < 5; i++) {
      counting.publish(List.of(pkg("p" + i, "1.0-r0")));
    }
    reads.clear();
    StagedApk last = pkg("newest", "1.0-r0");
    counting.publish(List.of(last));
    assertEquals(List.of(last.file()), reads);
    assertEquals(6, indexed().size());
  }

  @Test
  void publish_packageCheckedByItsWriter_isNotReadAgainButStillMatched() throws Exception {
    List<Path> reads = Collections.synchronizedList(new ArrayList<>());
    Repository counting = repo.withInspector(p -> {
      reads.add(p);
      return PackageInspector.verifying(TrustedKeys.of(key)).inspect(p);
    });
    StagedApk written = pkg("checked", "1.0-r0");
    IndexEntry back = PackageInspector.verifying(TrustedKeys.of(key)).inspect(written.file());
    counting.publish(List.of(new StagedApk(written.file(), written.entry(), true, back)));
    assertEquals(List.of(), reads);
    assertEquals(List.of("checked-1.0-r0.apk"), indexed());

    StagedApk other = pkg("other", "1.0-r0");
    StagedApk lying = new StagedApk(other.file(), other.entry(), true, back);
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> counting.publish(List.of(lying)));
    assertTrue(e.getMessage().contains("does not match what its writer reported"), e.getMessage());
    assertEquals(List.of("checked-1.0-r0.apk"), indexed());
  }

  @Test
  void publish_sameVersionAgain_replacesRecord() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0")));
    Files.writeString(tmp.resolve("tree-alpha-1.0-r0/usr/share/alpha/EXTRA"), "more\n");
    StagedApk again = pkg("alpha", "1.0-r0");
    repo.publish(List.of(again));
    assertEquals(1, repo.index().entries().size());
    assertEquals(again.entry().checksum(), repo.index().entries().get(0).checksum());
  }

  @Test
  void publish_noarchPackage_isIndexedUnderFolderArch() throws Exception {
    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "docs", "1-r0", "noarch")));
    assertEquals("x86_64", repo.index().entries().get(0).arch());
  }

  @Test
  void publish_otherArch_isRefusedAndNothingChanges() throws Exception {
    StagedApk arm = RepoFixture.build(tmp, repo.archDir(), key, "armonly", "1-r0", "aarch64");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> repo.publish(List.of(arm)));
    assertTrue(e.getMessage().contains("arch aarch64 does not belong"), e.getMessage());
    assertFalse(Files.exists(repo.archDir().resolve("armonly-1-r0.apk")));
  }

  @Test
  void publish_brokenIndex_failsClearlyAndKeepsEverything() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0")));
    byte[] index = Files.readAllBytes(repo.indexFile());
    byte[] bad = index.clone();
    bad[bad.length - 30] ^= 0x55;
    Files.write(repo.indexFile(), bad);
    StagedApk beta = pkg("beta", "1.0-r0");
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> repo.publish(List.of(beta)));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertTrue(e.getMessage().contains("index --rebuild"), e.getMessage());
    assertArrayEquals(bad, Files.readAllBytes(repo.indexFile()));
    assertTrue(Files.exists(repo.archDir().resolve("alpha-1.0-r0.apk")));
    repo.rebuild();
    assertEquals(List.of("alpha-1.0-r0.apk"), indexed());
    repo.publish(List.of(beta));
    assertEquals(List.of("alpha-1.0-r0.apk", "beta-1.0-r0.apk"), indexed());
  }

  @Test
  void repair_leftovers_adoptsOrphansDropsMissingRemovesStrays() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0"), pkg("beta", "1.0-r0")));
    Files.delete(repo.archDir().resolve("beta-1.0-r0.apk"));
    StagedApk orphan = pkg("gamma", "1.0-r0");
    Files.move(orphan.file(), repo.archDir().resolve("whatever.apk"));
    Files.writeString(repo.archDir().resolve(".pkgbuild-delta-1.0-r0.apk.tmp"), "half");
    Files.writeString(repo.archDir().resolve(".APKINDEX.tar.gz.123.tmp"), "half");
    PublishResult r = repo.repair();
    assertEquals(List.of("alpha-1.0-r0.apk", "gamma-1.0-r0.apk"), indexed());
    assertTrue(Files.exists(repo.archDir().resolve("gamma-1.0-r0.apk")));
    assertFalse(Files.exists(repo.archDir().resolve(".pkgbuild-delta-1.0-r0.apk.tmp")));
    assertFalse(Files.exists(repo.archDir().resolve(".APKINDEX.tar.gz.123.tmp")));
    assertEquals(List.of("beta"), r.removed().stream().map(IndexEntry::name).toList());
  }

  @Test
  void repair_journalLeftByCrash_rereadsReplacedFile() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0")));
    Files.writeString(tmp.resolve("tree-alpha-1.0-r0/usr/share/alpha/EXTRA"), "more\n");
    StagedApk again = pkg("alpha", "1.0-r0");
    // What a publisher killed after the rename and before the index commit leaves behind.
    Files.writeString(repo.archDir().resolve(ArchFolder.JOURNAL), "alpha-1.0-r0.apk\n");
    Files.move(again.file(), repo.archDir().resolve("alpha-1.0-r0.apk"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    repo.repair();
    assertEquals(again.entry().checksum(), repo.index().entries().get(0).checksum());
    assertFalse(Files.exists(repo.archDir().resolve(ArchFolder.JOURNAL)));
  }

  @Test
  void rebuild_afterIncrementalPublishes_writesIdenticalIndex() throws Exception {
    for (String n : List.of("zeta", "alpha", "mid", "beta")) {
      repo.publish(List.of(pkg(n, "1.0-r0")));
    }
    byte[] incremental = Files.readAllBytes(repo.indexFile());
    repo.rebuild();
    assertArrayEquals(incremental, Files.readAllBytes(repo.indexFile()));
  }

  @Test
  void withdraw_listedPackage_removesFileAndRecord() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0"), pkg("beta", "1.0-r0")));
    repo.withdraw(List.of("alpha-1.0-r0"));
    assertEquals(List.of("beta-1.0-r0.apk"), indexed());
    try (var s = Files.list(repo.archDir())) {
      assertEquals(List.of("APKINDEX.tar.gz", "beta-1.0-r0.apk"),
          s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock")).sorted().toList());
    }
  }

  @Test
  void withdraw_unknownPackage_failsAndRemovesNothing() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0")));
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> repo.withdraw(List.of("alpha-1.0-r0", "nope-1-r0")));
    assertTrue(e.getMessage().contains("nope-1-r0"), e.getMessage());
    assertEquals(List.of("alpha-1.0-r0.apk"), indexed());
    assertTrue(Files.exists(repo.archDir().resolve("alpha-1.0-r0.apk")));
  }

  @Test
  void prune_keepTwo_keepsNewestByApkVersionOrder() throws Exception {
    for (String v : List.of("1.2-r0", "1.10-r1", "1.9-r0", "1.10-r0")) {
      repo.publish(List.of(pkg("alpha", v)));
    }
    repo.publish(List.of(pkg("beta", "1-r0")));
    PublishResult r = repo.prune(2);
    assertEquals(List.of("alpha-1.10-r0.apk", "alpha-1.10-r1.apk", "beta-1-r0.apk"), indexed());
    assertEquals(2, r.removed().size());
    assertFalse(Files.exists(repo.archDir().resolve("alpha-1.9-r0.apk")));
  }

  @Test
  void publish_lockHeldElsewhere_failsAfterBoundedWaitNamingHolder() throws Exception {
    repo.publish(List.of(pkg("alpha", "1.0-r0")));
    try (ArchLock held = ArchLock.acquire(repo.archDir(), java.time.Duration.ofSeconds(5))) {
      StagedApk beta = pkg("beta", "1.0-r0");
      PkgbuildException[] failure = new PkgbuildException[1];
      Thread other = new Thread(() -> {
        try {
          repo.withLockWait(java.time.Duration.ofMillis(300)).publish(List.of(beta));
        } catch (PkgbuildException e) {
          failure[0] = e;
        }
      });
      other.start();
      other.join();
      assertEquals(ExitStatus.ENVIRONMENT, failure[0].status());
      assertTrue(failure[0].getMessage().contains("locked by"), failure[0].getMessage());
      assertTrue(failure[0].getMessage().contains("pid " + ProcessHandle.current().pid()), failure[0].getMessage());
    }
    assertEquals(List.of("alpha-1.0-r0.apk"), indexed());
  }
}
