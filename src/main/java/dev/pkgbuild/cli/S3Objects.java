package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.ObjectSource;
import dev.pkgbuild.repo.ObjectStore;
import dev.pkgbuild.repo.S3Location;
import dev.pkgbuild.repo.S3Store;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code -r s3://BUCKET/PREFIX}: the repository client's files read through the S3 API with the
 * SDK's credentials, one client per bucket, opened on first use (the SDK costs a few hundred
 * milliseconds to start) and kept for the process.
 */
final class S3Objects implements ObjectSource {
  private final S3Flags flags;
  private final Map<String, S3Store> stores = new HashMap<>();

  S3Objects(S3Flags flags) {
    this.flags = flags;
  }

  @Override
  public Fetched get(URI uri, String etag, long maxBytes, Path target) throws PkgbuildException {
    if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw PkgbuildException.badInput(uri + ": not an s3://BUCKET/KEY location");
    }
    String key = uri.getPath().replaceFirst("^/+", "");
    ObjectStore.Downloaded d = store(uri.getHost()).download(key, etag, maxBytes, target);
    return d == null ? Fetched.MISSING : new Fetched(d.notModified(), d.etag(), d.bytes(), false);
  }

  private synchronized S3Store store(String bucket) throws PkgbuildException {
    S3Store s = stores.get(bucket);
    if (s == null) {
      s = flags.open(new S3Location(bucket, ""));
      stores.put(bucket, s);
    }
    return s;
  }
}
