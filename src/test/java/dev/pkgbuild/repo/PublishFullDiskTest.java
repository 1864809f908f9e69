package dev.pkgbuild.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real full disk (a tiny tmpfs) at the index write: the publish is undone. Needs root to mount. */
@Timeout(120)
class PublishFullDiskTest {
  static final int PAGE = 4096;
  @TempDir Path tmp;
  Path mount;

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
    return p.exitValue() == 0 ? null : out.isEmpty() ? "exit " + p.exitValue() : out;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  @Test
  void publish_diskFullAtTheIndexWrite_removesTheMovedPackageAndKeepsTheOldIndex() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("small"));
    String refused = run("mount", "-t", "tmpfs", "-o", "size=" + 64 * PAGE, "tmpfs", dir.toString());
    Assumptions.assumeTrue(refused == null, "cannot mount a tmpfs (needs root): " + refused);
    mount = dir;
    SigningKey key = RepoFixture.key(tmp.resolve("keys"));
    Repository repo = Repository.open(dir.resolve("repo"), "x86_64", key, Reporter.silent());
    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "alpha", "1.0-r0")));
    byte[] before = Files.readAllBytes(repo.indexFile());

    // staged outside the mount, as the builder stages in its workspace: publishing copies it in
    StagedApk beta = RepoFixture.build(tmp, tmp.resolve("staging"), key, "beta", "1.0-r0");
    long apkPages = (Files.size(beta.file()) + PAGE - 1) / PAGE;
    // room for the lock holder's pid, the journal and the package; none for the new index
    long free = Files.getFileStore(dir).getUsableSpace();
    Files.write(dir.resolve("filler"), new byte[(int) (free - (2 + apkPages) * PAGE)]);

    PkgbuildException e = assertThrows(PkgbuildException.class, () -> repo.publish(List.of(beta)));
    assertTrue(e.getMessage().contains("cannot write " + repo.indexFile()), e.getMessage());
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals(List.of("alpha-1.0-r0.apk"), apkFiles(repo));
    assertArrayEquals(before, Files.readAllBytes(repo.indexFile()));

    Files.delete(dir.resolve("filler"));
    repo.publish(List.of(RepoFixture.build(tmp, tmp.resolve("staging"), key, "gamma", "1.0-r0")));
    assertEquals(List.of("alpha-1.0-r0.apk", "gamma-1.0-r0.apk"),
        repo.index().entries().stream().map(IndexEntry::fileName).toList());
  }

  static List<String> apkFiles(Repository repo) throws IOException {
    try (Stream<Path> s = Files.list(repo.archDir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".apk") && !n.startsWith("."))
          .sorted().toList();
    }
  }
}
