package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.Bombs;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.RecordingReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A broken package left in the folder is read once, not on every publish under the lock. */
@Timeout(120)
class RefusedFilesTest {
  @TempDir Path tmp;

  @Test
  void publish_brokenUnindexedFile_isReadOnceThenRememberedUntilItChanges() throws Exception {
    SigningKey key = RepoFixture.key(tmp.resolve("keys"));
    List<Path> reads = Collections.synchronizedList(new ArrayList<>());
    RecordingReporter recording = new RecordingReporter();
    List<String> warnings = recording.warnings();
    PackageInspector real = PackageInspector.verifying(TrustedKeys.of(key));
    Repository repo = Repository.open(tmp.resolve("repo"), "x86_64", key, recording).withInspector(p -> {
      reads.add(p.getFileName());
      return real.inspect(p);
    });
    Files.createDirectories(repo.archDir());
    Path bomb = Bombs.write(repo.archDir(), key, "bomb", 3 << 10, 3L << 30);
    Path name = bomb.getFileName();

    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "p1", "1.0-r0")));
    assertEquals(1, Collections.frequency(reads, name));
    assertTrue(warnings.get(0).startsWith("not indexed: " + bomb + ": .PKGINFO size"), warnings.toString());
    assertTrue(Files.readString(repo.archDir().resolve(".pkgbuild/refused")).startsWith(name + "\t"));

    warnings.clear();
    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "p2", "1.0-r0")));
    assertEquals(1, Collections.frequency(reads, name), "an unchanged refused file is not read again");
    assertTrue(warnings.get(0).endsWith("(refused before and unchanged since, not read again)"), warnings.toString());

    Files.setLastModifiedTime(bomb, FileTime.fromMillis(Files.getLastModifiedTime(bomb).toMillis() - 5000));
    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "p3", "1.0-r0")));
    assertEquals(2, Collections.frequency(reads, name), "a changed file is read again");
    repo.repair();
    assertEquals(3, Collections.frequency(reads, name), "pkgbuild index (maybe with another inspector) reads it again");
    repo.rebuild();
    assertEquals(4, Collections.frequency(reads, name), "a rebuild reads every file");
    assertEquals(List.of("p1", "p2", "p3"), repo.index().entries().stream().map(IndexEntry::name).toList());
  }
}
