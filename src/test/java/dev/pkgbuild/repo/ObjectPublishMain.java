package dev.pkgbuild.repo;

import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate publisher process for the object-storage tests and benchmark:
 * {@code ObjectPublishMain ENDPOINT PREFIX KEYFILE WORK NAME COUNT [BATCH [stall|single]]} builds
 * COUNT packages NAME0.. into its own local repository under WORK, BATCH at a time (default
 * 1), and publishes each batch into {@code s3://repo/PREFIX} at ENDPOINT. {@code stall}
 * stops before the first index write, after the packages are uploaded, until killed;
 * {@code single} publishes in single-publisher mode.
 * Prints {@code conflicts N} at the end.
 */
public final class ObjectPublishMain {
  private ObjectPublishMain() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    S3Location where = new S3Location(S3ProxyServer.BUCKET, args[1]);
    SigningKey key = SigningKey.load(Path.of(args[2]));
    Path work = Files.createDirectories(Path.of(args[3]).resolve("local-" + args[4]));
    String name = args[4];
    int count = Integer.parseInt(args[5]);
    int batch = args.length > 6 ? Integer.parseInt(args[6]) : 1;
    String mode = args.length > 7 ? args[7] : "";
    Repository local = Repository.open(work.resolve("repo"), "x86_64", key, Reporter.silent());
    int conflicts = 0;
    try (S3Store s3 = S3Store.open(where, endpoint, true)) {
      ObjectStore store = switch (mode) {
        case "stall" -> IndexWrites.stalling(s3);
        default -> s3;
      };
      ObjectPublisher publisher = new ObjectPublisher(store, key, Reporter.silent(),
          new ObjectPublisher.Options(mode.equals("single"), 1000, 0));
      for (int i = 0; i < count; i += batch) {
        for (int j = i; j < Math.min(count, i + batch); j++) {
          local.publish(List.of(RepoFixture.build(work, local.archDir(), key, name + j, "1.0-r0")));
        }
        conflicts += publisher.publish(local.archDir().getParent()).get(0).conflicts();
      }
    }
    System.out.println("conflicts " + conflicts);
  }
}
