package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.repo.S3ProxyServer;
import dev.pkgbuild.repo.S3Store;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pkgbuild publish} into S3Proxy on 127.0.0.1, credentials found by the SDK's default chain. */
@Timeout(120)
class PublishCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return CommandTree.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void publish_conditionalThenSinglePublisher_indexListsBoth() throws Exception {
    Path keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    SigningKey key = SigningKey.load(keyFile);
    Path root = tmp.resolve("repo");
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent());
    try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3"))) {
      repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "hello", "1.0-r0")));
      String[] common = {"publish", root.toString(), "s3://" + S3ProxyServer.BUCKET + "/os", "--s3-endpoint",
          s3.endpoint(), "--s3-path-style", "--signing-key", keyFile.toString()};
      assertEquals(0, run(common), err::toString);
      assertTrue(out.toString().contains("s3://repo/os/x86_64: 1 packages, 1 uploaded, 1 added, signed with test.rsa.pub"),
          out::toString);
      repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "world", "1.0-r0")));
      String[] single = java.util.Arrays.copyOf(common, common.length + 1);
      single[common.length] = "--single-publisher";
      assertEquals(0, run(single), err::toString);
      assertTrue(out.toString().contains("2 packages, 1 uploaded, 1 added"), out::toString);
      try (S3Store store = s3.store("os")) {
        IndexArchive.Read r = IndexArchive.read(store.get("x86_64/APKINDEX.tar.gz").orElseThrow().bytes(),
            TrustedKeys.of(key), "index");
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("hello", "world"), r.index().entries().stream().map(IndexEntry::name).toList());
      }
    }
  }

  @Test
  void withdrawAndPrune_onAnS3Repository_rewriteTheIndexThenDeleteTheObjects() throws Exception {
    Path keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    SigningKey key = SigningKey.load(keyFile);
    Path root = tmp.resolve("repo");
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent());
    repo.publish(List.of(RepoFixture.build(tmp, repo.archDir(), key, "hello", "1.0-r0"),
        RepoFixture.build(tmp, repo.archDir(), key, "hello", "1.1-r0"),
        RepoFixture.build(tmp, repo.archDir(), key, "world", "1.0-r0")));
    try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3"))) {
      String url = "s3://" + S3ProxyServer.BUCKET + "/os";
      String[] where = {"--s3-endpoint", s3.endpoint(), "--s3-path-style", "--signing-key", keyFile.toString()};
      assertEquals(0, run(concat(new String[] {"publish", root.toString(), url}, where)), err::toString);

      assertEquals(ExitStatus.BAD_INPUT.code(), run(concat(new String[] {"withdraw", "world-1.0-r0", "nope-1-r0",
          "--out-dir", url}, where)));
      assertTrue(err.toString().contains("not in any index under s3://repo/os: nope-1-r0"), err::toString);
      assertEquals(List.of("hello", "hello", "world"), names(s3, key), "nothing was withdrawn");

      assertEquals(0, run(concat(new String[] {"withdraw", "world-1.0-r0", "--out-dir", url}, where)), err::toString);
      assertTrue(out.toString().contains("withdrew s3://repo/os/x86_64/world-1.0-r0.apk"), out::toString);
      assertEquals(0, run(concat(new String[] {"prune", url, "--keep", "1"}, where)), err::toString);
      assertTrue(out.toString().contains("pruned s3://repo/os/x86_64/hello-1.0-r0.apk"), out::toString);
      assertEquals(List.of("hello"), names(s3, key));
      try (S3Store store = s3.store("os")) {
        assertTrue(store.get("x86_64/hello-1.1-r0.apk").isPresent());
        assertTrue(store.get("x86_64/hello-1.0-r0.apk").isEmpty(), "a pruned package's object is deleted");
        assertTrue(store.get("x86_64/world-1.0-r0.apk").isEmpty(), "a withdrawn package's object is deleted");
      }
    }
  }

  /**
   * Single-publisher mode: a real build uploads under incoming/ with its own key and writes no
   * index; one publisher checks, signs and indexes what waits there; the store's index can be
   * rebuilt from its packages, and repo-info reads the store.
   */
  @Test
  void incomingMode_buildUploadsUnindexed_publishIncomingSignsItIn_thenIndexRebuildAndRepoInfoReadTheStore()
      throws Exception {
    dev.pkgbuild.testing.Requires.tool("bwrap");
    dev.pkgbuild.testing.Requires.tool("gcc");
    Path publisherKey = RepoFixture.writeKey(tmp.resolve("keys"));
    SigningKey key = SigningKey.load(publisherKey);
    try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3"))) {
      String url = "s3://" + S3ProxyServer.BUCKET + "/in";
      String[] where = {"--s3-endpoint", s3.endpoint(), "--s3-path-style"};
      // the builder has a key of its own, made on first use; the publisher's never leaves its machine
      assertEquals(0, run(concat(new String[] {"build", "recipes/hello.yaml", "--out-dir", url, "--incoming",
          "--keys-dir", tmp.resolve("builder-keys").toString(), "--cache-dir", tmp.resolve("cache").toString(),
          "-q"}, where)), err::toString);
      // hello and its subpackages
      assertTrue(out.toString().contains(url + "/incoming: 3 packages uploaded"), out::toString);
      try (S3Store store = s3.store("in")) {
        assertTrue(store.get("x86_64/APKINDEX.tar.gz").isEmpty(), "a builder in incoming mode writes no index");
        assertTrue(store.list("incoming/x86_64/").stream().anyMatch(k -> k.endsWith(".apk")), store.list("").toString());
      }

      String[] signing = {"--signing-key", publisherKey.toString()};
      assertEquals(0, run(concat(concat(new String[] {"publish", "--incoming", url}, where), signing)), err::toString);
      assertTrue(out.toString().contains(url + "/x86_64: 3 packages, 3 uploaded, 3 added, signed with test.rsa.pub"),
          out::toString);
      List<String> published = names(s3, "in", key);
      assertTrue(published.contains("hello") && published.size() == 3, published.toString());
      try (S3Store store = s3.store("in")) {
        assertEquals(List.of(), store.list("incoming/"), "what was indexed leaves incoming/");
        assertTrue(store.list("x86_64/").stream().anyMatch(k -> k.endsWith(".spdx.json")), "its SBOM went along");
        // the index is gone or broken: index rebuilds it from the packages in the store
        store.replace("x86_64/APKINDEX.tar.gz", new byte[] {1, 2, 3}, null, true);
      }
      assertEquals(0, run(concat(concat(new String[] {"index", url}, where), signing)), err::toString);
      assertTrue(out.toString().contains(url + "/x86_64/APKINDEX.tar.gz: 3 packages, signed with test.rsa.pub"),
          out::toString);
      assertEquals(published, names(s3, "in", key));

      assertEquals(0, run(concat(new String[] {"repo-info", url, "--url", s3.httpUrl("in")}, where)), err::toString);
      assertTrue(out.toString().contains("repository: " + url + "\n"), out::toString);
      assertTrue(out.toString().contains("public key: " + url + "/test.rsa.pub (served at " + s3.httpUrl("in")
          + "/test.rsa.pub)"), out::toString);
      assertTrue(out.toString().contains("apk add --no-cache " + String.join(" ", published)), out::toString);

      assertEquals(0, run(concat(concat(new String[] {"publish", "--incoming", url}, where), signing)), err::toString);
      assertTrue(out.toString().contains(url + "/incoming: nothing waiting"), out::toString);
    }
  }

  @Test
  void publishIncoming_aDamagedPackageWaiting_isRefusedAndNothingIsIndexed() throws Exception {
    Path keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    SigningKey key = SigningKey.load(keyFile);
    Path bad = tmp.resolve("bad.apk");
    java.nio.file.Files.write(bad, new byte[4096]);
    try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3"))) {
      try (S3Store store = s3.store("in")) {
        store.upload("incoming/x86_64/bad-1.0-r0.apk", bad);
      }
      assertEquals(ExitStatus.BAD_INPUT.code(), run("publish", "--incoming", "s3://repo/in", "--s3-endpoint",
          s3.endpoint(), "--s3-path-style", "--signing-key", keyFile.toString()));
      assertTrue(err.toString().contains("bad-1.0-r0.apk"), err::toString);
      try (S3Store store = s3.store("in")) {
        assertTrue(store.get("x86_64/APKINDEX.tar.gz").isEmpty());
        assertEquals(List.of("incoming/x86_64/bad-1.0-r0.apk"), store.list("incoming/"), "left for the user to see");
      }
    }
  }

  private static List<String> names(S3ProxyServer s3, SigningKey key) throws Exception {
    return names(s3, "os", key);
  }

  private static List<String> names(S3ProxyServer s3, String prefix, SigningKey key) throws Exception {
    try (S3Store store = s3.store(prefix)) {
      IndexArchive.Read r = IndexArchive.read(store.get("x86_64/APKINDEX.tar.gz").orElseThrow().bytes(),
          TrustedKeys.of(key), "index");
      assertEquals(List.of(), r.problems());
      return r.index().entries().stream().map(IndexEntry::name).sorted().toList();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void publish_wrongCredentials_isAnEnvironmentErrorNamingTheObject() throws Exception {
    Path keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    SigningKey key = SigningKey.load(keyFile);
    Path root = RepoFixture.repository(tmp, key, "hello");
    try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3"))) {
      String secret = System.getProperty("aws.secretAccessKey");
      System.setProperty("aws.secretAccessKey", "wrong");
      try {
        assertEquals(ExitStatus.ENVIRONMENT.code(), run("publish", root.toString(), "s3://repo/os", "--s3-endpoint",
            s3.endpoint(), "--s3-path-style", "--signing-key", keyFile.toString()));
      } finally {
        System.setProperty("aws.secretAccessKey", secret);
      }
      assertTrue(err.toString().contains("s3://repo/os/test.rsa.pub") && err.toString().contains("403"),
          err::toString);
    }
  }

  @Test
  void publish_notAnS3Url_isBadInput() {
    assertEquals(ExitStatus.BAD_INPUT.code(), run("publish", tmp.toString(), "/srv/repo"));
    assertTrue(err.toString().contains("not an s3://BUCKET/PREFIX location"), err::toString);
  }
}
