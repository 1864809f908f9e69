package dev.pkgbuild.repo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

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
    S3Proxy p = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(dir.toString()))
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

  S3Location location(String prefix) {
    return new S3Location(BUCKET, prefix);
  }

  public S3Store store(String prefix) throws Exception {
    return S3Store.open(location(prefix), endpoint(), true);
  }

  /** What a child publisher process needs to find the credentials. */
  static String[] javaProperties() {
    return new String[] {"-Daws.accessKeyId=" + ACCESS_KEY, "-Daws.secretAccessKey=" + SECRET_KEY};
  }

  private S3Client admin() {
    return S3Client.builder().httpClientBuilder(Apache5HttpClient.builder()).region(Region.US_EAST_1)
        .forcePathStyle(true).endpointOverride(URI.create(endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  @Override
  public void close() throws Exception {
    reader.stop();
    proxy.stop();
  }
}
