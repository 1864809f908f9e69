package dev.pkgbuild.repo;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One publisher process of bench/s3publish.sh:
 * {@code ObjectPublishBench ENDPOINT PREFIX KEYFILE WORK NAME COUNT BATCH GOFILE}. Builds COUNT
 * packages NAME0.. (not timed), prints {@code ready}, waits for GOFILE to exist, then per BATCH
 * packages adds them to its own local repository and publishes it into {@code s3://repo/PREFIX}.
 * Prints the publishes, the conflicts merged again and the
 * milliseconds spent publishing.
 */
public final class ObjectPublishBench {
  private ObjectPublishBench() {}

  public static void main(String[] args) throws Exception {
    S3Location where = new S3Location(S3ProxyServer.BUCKET, args[1]);
    SigningKey key = SigningKey.load(Path.of(args[2]));
    Path work = Files.createDirectories(Path.of(args[3]).resolve("bench-" + args[4]));
    String name = args[4];
    int count = Integer.parseInt(args[5]);
    int batch = Integer.parseInt(args[6]);
    Path go = Path.of(args[7]);
    Path staging = Files.createDirectories(work.resolve("staging"));
    List<Path> built = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StagedApk s = RepoFixture.build(work, staging, key, String.format("%s%04d", name, i), "1.0-r0");
      Path apk = staging.resolve(s.entry().fileName());
      Files.move(s.file(), apk);
      built.add(apk);
    }
    System.out.println("ready");
    System.out.flush();
    while (!Files.exists(go)) {
      Thread.sleep(2);
    }
    Repository local = Repository.open(work.resolve("repo"), "x86_64", key, Reporter.silent());
    int publishes = 0;
    int conflicts = 0;
    long t0 = System.nanoTime();
    try (S3Store s3 = S3Store.open(where, args[0], true)) {
      ObjectPublisher publisher = new ObjectPublisher(s3, key, Reporter.silent(),
          new ObjectPublisher.Options(false, 1000, 0));
      for (int i = 0; i < count; i += batch) {
        local.publishFiles(built.subList(i, Math.min(count, i + batch)));
        conflicts += publisher.publish(local.archDir().getParent()).get(0).conflicts();
        publishes++;
      }
    }
    System.out.printf("done publishes=%d conflicts=%d ms=%d%n", publishes, conflicts,
        (System.nanoTime() - t0) / 1_000_000);
  }
}
