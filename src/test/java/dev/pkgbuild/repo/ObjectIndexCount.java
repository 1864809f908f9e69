package dev.pkgbuild.repo;

import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Path;

/** {@code ObjectIndexCount ENDPOINT PREFIX KEYFILE}: how many packages the verified remote x86_64 index lists. */
public final class ObjectIndexCount {
  private ObjectIndexCount() {}

  public static void main(String[] args) throws Exception {
    SigningKey key = SigningKey.load(Path.of(args[2]));
    try (S3Store store = S3Store.open(new S3Location(S3ProxyServer.BUCKET, args[1]), args[0], true)) {
      IndexArchive.Read r = IndexArchive.read(store.get("x86_64/APKINDEX.tar.gz").orElseThrow().bytes(),
          TrustedKeys.of(key), "index");
      System.out.println(r.problems().isEmpty() ? Integer.toString(r.index().entries().size()) : "unverified");
    }
  }
}
