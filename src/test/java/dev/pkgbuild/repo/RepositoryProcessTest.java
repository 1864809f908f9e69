package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkVerifier;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real OS processes publishing into one repository at once, and being killed while they do. */
class RepositoryProcessTest {
  @TempDir Path tmp;

  private Process publisher(Path root, Path keyFile, String prefix, int count) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        PublishMain.class.getName(), root.toString(), keyFile.toString(), prefix, Integer.toString(count));
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("out-" + prefix + ".log").toFile());
    return pb.start();
  }

  @Test
  void publish_fourProcessesAtOnce_indexListsAllFortySigned() throws Exception {
    Path keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    Path root = tmp.resolve("repo");
    List<Process> procs = new ArrayList<>();
    for (String prefix : List.of("a", "b", "c", "d")) {
      procs.add(publisher(root, keyFile, prefix, 10));
    }
    for (Process p : procs) {
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "publisher hung");
      assertEquals(0, p.exitValue(), () -> log(p));
    }
    SigningKey key = SigningKey.load(keyFile);
    List<String> names = Repository.open(root, "x86_64", key, Reporter.silent()).index().entries().stream()
        .map(IndexEntry::name).sorted().toList();
    List<String> expected = IntStream.range(0, 10).boxed()
        .flatMap(i -> List.of("a" + i, "b" + i, "c" + i, "d" + i).stream()).sorted().toList();
    assertEquals(expected, names);
  }

  @Test
  void publish_killedMidway_leavesVerifiedIndexOfCompletePackagesAndNextPublishRepairs() throws Exception {
    Path keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    SigningKey key = SigningKey.load(keyFile);
    Path root = tmp.resolve("repo");
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent());
    for (int round = 0; round < 3; round++) {
      Process p = publisher(root, keyFile, "k" + round + "x", 0);
      waitForIndexGrowth(repo, 2 + round * 2);
      Thread.sleep(37L * round); // kill at a different point of the publish loop each round
      p.destroyForcibly().waitFor();
      assertConsistent(repo, key);
    }
    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "after", "1.0-r0")));
    assertConsistent(repo, key);
    try (var s = Files.list(repo.archDir())) {
      List<String> apks = s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".apk") && !n.startsWith("."))
          .sorted().toList();
      assertEquals(apks, repo.index().entries().stream().map(IndexEntry::fileName).sorted().toList(),
          "after a complete publish every package file is indexed");
    }
    assertTrue(Files.notExists(repo.archDir().resolve(ArchFolder.STATE).resolve("journal")));
  }

  @Test
  void publish_lockHeldByOtherProcess_namesItsPidThenSucceedsOnceItIsKilled() throws Exception {
    SigningKey key = RepoFixture.key(tmp.resolve("keys"));
    Repository repo = Repository.open(tmp.resolve("repo"), "x86_64", key, Reporter.silent())
        .withLockWait(java.time.Duration.ofMillis(500));
    Files.createDirectories(repo.archDir());
    Path ready = tmp.resolve("ready");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolderMain.class.getName(), repo.archDir().toString(), ready.toString()).inheritIO().start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (Files.notExists(ready) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      StagedApk alpha = RepoFixture.build(tmp, repo.archDir(), key, "alpha", "1.0-r0");
      var e = org.junit.jupiter.api.Assertions.assertThrows(dev.pkgbuild.diag.PkgbuildException.class,
          () -> repo.publish(List.of(alpha)));
      assertTrue(e.getMessage().contains("locked by pid " + holder.pid()), e.getMessage());
      holder.destroyForcibly().waitFor();
      repo.publish(List.of(alpha)); // the OS dropped the dead holder's lock: nothing is stale
      assertEquals(1, repo.index().entries().size());
    } finally {
      holder.destroyForcibly();
    }
  }

  private static void waitForIndexGrowth(Repository repo, int atLeast) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (Files.exists(repo.indexFile()) && repo.index().entries().size() >= atLeast) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("publisher made no progress");
  }

  /** The index verifies and every record in it names a complete package that verifies. */
  private static void assertConsistent(Repository repo, SigningKey key) throws Exception {
    for (IndexEntry e : repo.index().entries()) {
      Path f = repo.archDir().resolve(e.fileName());
      ApkVerifier.Result r = ApkVerifier.verify(f, TrustedKeys.of(key));
      assertTrue(r.ok(), f + ": " + r.problems());
      assertEquals(e.checksum(), r.contents().indexEntry().checksum(), f.toString());
    }
  }

  private String log(Process p) {
    try (var s = Files.list(tmp)) {
      StringBuilder b = new StringBuilder();
      for (Path f : s.filter(f -> f.getFileName().toString().startsWith("out-")).toList()) {
        b.append(Files.readString(f));
      }
      return b.toString();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
