package dev.pkgbuild.repo;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} on any S3-compatible API through the AWS SDK: credentials from the
 * SDK's default chain (environment, system properties, profile, container or instance role),
 * the region as {@link #region} finds it, and for MinIO, S3Proxy and the like an endpoint override and path-style URLs.
 */
public final class S3Store implements ObjectStore {
  private final S3Client s3;
  private final S3Location where;

  private S3Store(S3Client s3, S3Location where) {
    this.s3 = s3;
    this.where = where;
  }

  /**
   * A store for {@code where}; {@code endpoint} null means AWS itself.
   *
   * @throws PkgbuildException (bad input) when the endpoint is not a URL
   */
  public static S3Store open(S3Location where, String endpoint, boolean pathStyle) throws PkgbuildException {
    S3ClientBuilder b = S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .region(region())
        .forcePathStyle(pathStyle)
        // Checksums only where the API demands them: some S3-compatible stores reject the
        // trailing CRC32 checksums the SDK sends on every upload by default.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (endpoint != null) {
      try {
        b.endpointOverride(URI.create(endpoint));
      } catch (IllegalArgumentException e) {
        throw PkgbuildException.badInput("--s3-endpoint " + endpoint + ": " + e.getMessage());
      }
    }
    try {
      return new S3Store(b.build(), where);
    } catch (SdkException e) {
      throw PkgbuildException.environment(where + ": " + e.getMessage());
    }
  }

  /**
   * AWS_REGION (or aws.region), else the profile's, else us-east-1, which S3-compatible
   * stores without regions expect. The SDK's own chain would end by asking EC2's instance
   * metadata service, seconds of timeouts on every other machine.
   */
  private static Region region() {
    try {
      return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
          .getRegion();
    } catch (SdkException e) {
      return Region.US_EAST_1;
    }
  }

  @Override
  public Optional<Fetched> get(String key) throws PkgbuildException {
    try {
      ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(g -> g.bucket(where.bucket()).key(where.key(key)));
      return Optional.of(new Fetched(r.asByteArray(), r.response().eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("cannot read", key, e);
    }
  }

  @Override
  public Downloaded download(String key, String etag, long maxBytes, Path target) throws PkgbuildException {
    GetObjectRequest.Builder g = GetObjectRequest.builder().bucket(where.bucket()).key(where.key(key));
    if (etag != null) {
      g.ifNoneMatch(etag);
    }
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(g.build())) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        throw tooLarge(key, maxBytes);
      }
      long n = 0;
      byte[] buf = new byte[1 << 16];
      try (OutputStream out = Files.newOutputStream(target)) {
        for (int r; (r = in.read(buf)) > 0; ) {
          n += r;
          if (n > maxBytes) {
            throw tooLarge(key, maxBytes);
          }
          out.write(buf, 0, r);
        }
      }
      return new Downloaded(false, in.response().eTag(), n);
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (etag != null && e.statusCode() == 304) {
        return new Downloaded(true, etag, 0);
      }
      throw failure("cannot read", key, e);
    } catch (SdkException e) {
      throw failure("cannot read", key, e);
    } catch (IOException e) {
      throw PkgbuildException.failed("cannot fetch " + shown(key) + ": " + e.getMessage());
    }
  }

  private PkgbuildException tooLarge(String key, long maxBytes) {
    return PkgbuildException.failed("cannot fetch " + shown(key) + ": larger than the limit of " + maxBytes + " bytes");
  }

  private String shown(String key) {
    return "s3://" + where.bucket() + "/" + where.key(key);
  }

  @Override
  public List<String> list(String prefix) throws PkgbuildException {
    String base = where.key("");
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(l -> l.bucket(where.bucket()).prefix(where.key(prefix))).contents()) {
        keys.add(o.key().substring(base.length()));
      }
    } catch (SdkException e) {
      throw failure("cannot list", prefix, e);
    }
    return keys;
  }

  @Override
  public void delete(String key) throws PkgbuildException {
    try {
      s3.deleteObject(d -> d.bucket(where.bucket()).key(where.key(key)));
    } catch (SdkException e) {
      throw failure("cannot delete", key, e);
    }
  }

  @Override
  public void upload(String key, Path file) throws PkgbuildException {
    try {
      s3.putObject(p -> p.bucket(where.bucket()).key(where.key(key)), RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw failure("cannot upload " + file + " to", key, e);
    }
  }

  @Override
  public Outcome replace(String key, byte[] bytes, String etag, boolean unconditional) throws PkgbuildException {
    PutObjectRequest.Builder p = PutObjectRequest.builder().bucket(where.bucket()).key(where.key(key));
    if (!unconditional) {
      if (etag == null) {
        p.ifNoneMatch("*");
      } else {
        p.ifMatch(etag);
      }
    }
    try {
      s3.putObject(p.build(), RequestBody.fromBytes(bytes));
      return Outcome.WRITTEN;
    } catch (S3Exception e) {
      // 412: the ETag moved on; 409 ConditionalRequestConflict: a concurrent conditional write won.
      if (!unconditional && (e.statusCode() == 412 || e.statusCode() == 409)) {
        return Outcome.CONFLICT;
      }
      throw failure("cannot write", key, e);
    } catch (SdkClientException e) {
      // The SDK's own retries are spent; the write may or may not have landed.
      return Outcome.UNKNOWN;
    }
  }

  /** The store refused or could not be reached: credentials, permissions, network (exit 4). */
  private PkgbuildException failure(String what, String key, SdkException e) {
    return PkgbuildException.environment(what + " " + shown(key) + ": " + e.getMessage());
  }

  @Override
  public void close() {
    s3.close();
  }
}
