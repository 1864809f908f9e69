package dev.pkgbuild.repo;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A separate publisher process for the concurrency and crash tests:
 * {@code PublishMain ROOT KEYFILE PREFIX COUNT} publishes COUNT packages one by one
 * (COUNT 0: forever, until killed), each in its own locked update.
 */
public final class PublishMain {
  private PublishMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    SigningKey key = SigningKey.load(Path.of(args[1]));
    String prefix = args[2];
    int count = Integer.parseInt(args[3]);
    Path work = Files.createTempDirectory(root.getParent(), "work-" + prefix);
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent()).withLockWait(Duration.ofMinutes(2));
    for (int i = 0; count == 0 || i < count; i++) {
      repo.publish(List.of(RepoFixture.build(work, repo.archDir(), key, prefix + i, "1.0-r0")));
    }
  }
}
