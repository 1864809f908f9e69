package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.S3Location;
import dev.pkgbuild.repo.S3Store;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How to reach an S3-compatible store other than AWS: its endpoint and path-style addressing.
 * Credentials and the region come from the AWS SDK's default chain, never from flags.
 *
 * @param endpoint the S3 API endpoint, or null for AWS itself
 * @param pathStyle address the bucket in the path, as MinIO and S3Proxy need
 */
record S3Flags(String endpoint, boolean pathStyle) {
  static final String ENDPOINT =
      "S3 API endpoint of another store than AWS (MinIO, R2, GCS, S3Proxy), e.g. http://127.0.0.1:9000.";
  static final String PATH_STYLE = "Address the bucket in the path (http://HOST/BUCKET/KEY), as MinIO and S3Proxy need.";

  static void declare(CommandSpec spec) {
    Flags.value(spec, String.class, "URL", null, ENDPOINT, "--s3-endpoint");
    Flags.flag(spec, PATH_STYLE, "--s3-path-style");
  }

  /** The same flags for the commands declared by annotations. */
  static final class Mixin {
    @picocli.CommandLine.Option(names = "--s3-endpoint", paramLabel = "URL", description = ENDPOINT)
    String endpoint;

    @picocli.CommandLine.Option(names = "--s3-path-style", description = PATH_STYLE)
    boolean pathStyle;

    S3Flags flags() {
      return new S3Flags(endpoint, pathStyle);
    }
  }

  static S3Flags of(CommandSpec spec) {
    return new S3Flags(Flags.get(spec, "--s3-endpoint"), Flags.on(spec, "--s3-path-style"));
  }

  S3Store open(S3Location where) throws PkgbuildException {
    return S3Store.open(where, endpoint, pathStyle);
  }

  /** The flags again, for a command line that runs elsewhere (an emitted task). */
  java.util.List<String> args() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (endpoint != null) {
      out.addAll(java.util.List.of("--s3-endpoint", endpoint));
    }
    if (pathStyle) {
      out.add("--s3-path-style");
    }
    return out;
  }
}
