package dev.pkgbuild.repo;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 API on 127.0.0.1 (S3Proxy, filesystem blobstore in {@code dir}) that requires
 * signed requests, and beside it a second S3Proxy on the same files without authentication:
 * the bucket's public HTTP endpoint, as consumers read it (S3Proxy 4.1 with the filesystem store
 * answered anonymous reads of a bucket created public-read with 403).
 * Publishers find its credentials through the SDK's default chain: the {@code aws.accessKeyId}
 * and {@code aws.secretAccessKey} system properties, passed on to child processes by
 * {@link #javaProperties}.
 */
public final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "pkgbuild-test";
  static final String SECRET_KEY = "pkgbuild-test-secret";
  public static final String BUCKET = "repo";

  private final S3Proxy proxy;
  private final S3Proxy reader;

  public S3ProxyServer(Path dir) throws Exception {
    Files.createDirectories(dir);
    proxy = start(dir, AuthenticationType.AWS_V2_OR_V4);
    reader = start(dir, AuthenticationType.NONE);
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    try (S3Client admin = admin()) {
      admin.createBucket(b -> b.bucket(BUCKET));
    }
  }

  private static S3Proxy start(Path dir, AuthenticationType auth) throws Exception {
    S3Proxy p = S3Proxy.builder().blobStore(new AtomicConditionalWrites(new FilesystemNio2BlobStore(dir.toString())))
        .endpoint(URI.create("http://127.0.0.1:0")).awsAuthentication(auth, ACCESS_KEY, SECRET_KEY).build();
    p.start();
    for (int i = 0; i < 500 && !"STARTED".equals(p.getState()); i++) {
      Thread.sleep(10);
    }
    return p;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The plain-HTTP URL of {@code prefix} in the bucket, path-style, as consumers read it. */
  public String httpUrl(String prefix) {
    return "http://127.0.0.1:" + reader.getPort() + "/" + BUCKET + "/" + prefix;
  }

  public S3Location location(String prefix) {
    return new S3Location(BUCKET, prefix);
  }

  public S3Store store(String prefix) throws Exception {
    return S3Store.open(location(prefix), endpoint(), true);
  }

  /** What a child publisher process needs to find the credentials. */
  public static String[] javaProperties() {
    return new String[] {"-Daws.accessKeyId=" + ACCESS_KEY, "-Daws.secretAccessKey=" + SECRET_KEY};
  }

  private S3Client admin() {
    return S3Client.builder().httpClientBuilder(Apache5HttpClient.builder()).region(Region.US_EAST_1)
        .forcePathStyle(true).endpointOverride(URI.create(endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /**
   * S3Proxy 4.1 checks If-Match and If-None-Match before it writes, not with the write, so
   * concurrent PUTs carrying the same ETag all succeed. Here the check is made again and the
   * write done under one lock, as AWS S3, GCS and R2 make them: publishers from many processes
   * then race as they would against those stores.
   */
  static final class AtomicConditionalWrites extends ForwardingBlobStore {
    AtomicConditionalWrites(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
      if (request.ifMatch() == null && request.ifNoneMatch() == null) {
        return super.putBlob(request, body);
      }
      synchronized (this) {
        HeadObjectResponse now = delegate().blobMetadataIfPresent(request.bucket(), request.key());
        boolean refused = request.ifMatch() != null
            ? now == null || !unquoted(now.eTag()).equals(unquoted(request.ifMatch()))
            : "*".equals(request.ifNoneMatch()) && now != null;
        if (refused) {
          throw S3Exceptions.preconditionFailed(null);
        }
        return super.putBlob(request, body);
      }
    }

    private static String unquoted(String etag) {
      return etag == null ? "" : etag.replace("\"", "");
    }
  }

  @Override
  public void close() throws Exception {
    reader.stop();
    proxy.stop();
  }
}
