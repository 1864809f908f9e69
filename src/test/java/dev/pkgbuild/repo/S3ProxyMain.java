package dev.pkgbuild.repo;

import java.nio.file.Path;

/**
 * {@code S3ProxyMain DIR}: the tests' S3 server (see {@link S3ProxyServer}) as a process of its
 * own, for bench/s3publish.sh and trying the jar by hand. Prints its endpoint, the anonymous
 * read URL of the bucket and the credentials, then serves until killed.
 */
public final class S3ProxyMain {
  private S3ProxyMain() {}

  public static void main(String[] args) throws Exception {
    S3ProxyServer server = new S3ProxyServer(Path.of(args[0]));
    System.out.println("endpoint " + server.endpoint());
    System.out.println("read " + server.httpUrl(""));
    System.out.println("credentials AWS_ACCESS_KEY_ID=" + S3ProxyServer.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY="
        + S3ProxyServer.SECRET_KEY);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
