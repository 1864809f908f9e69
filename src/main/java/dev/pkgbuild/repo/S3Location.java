package dev.pkgbuild.repo;

import dev.pkgbuild.diag.PkgbuildException;

/**
 * {@code s3://BUCKET/PREFIX}: where an object-storage repository lives.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix without slashes at either end, empty for the bucket root
 */
public record S3Location(String bucket, String prefix) {
  private static final String SCHEME = "s3://";

  /** Whether {@code text} names an object-storage repository rather than a folder. */
  public static boolean isS3(String text) {
    return text.startsWith(SCHEME);
  }

  /** Parses {@code s3://BUCKET[/PREFIX]}. @throws PkgbuildException (bad input) when it is not one */
  public static S3Location parse(String text) throws PkgbuildException {
    if (!isS3(text)) {
      throw PkgbuildException.badInput(text + ": not an s3://BUCKET/PREFIX location");
    }
    String rest = text.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
    if (bucket.isEmpty() || prefix.contains("//") || prefix.contains("..")) {
      throw PkgbuildException.badInput(text + ": expected s3://BUCKET/PREFIX");
    }
    return new S3Location(bucket, prefix);
  }

  /** The object key of {@code relative} (for example {@code x86_64/APKINDEX.tar.gz}). */
  public String key(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  @Override
  public String toString() {
    return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
