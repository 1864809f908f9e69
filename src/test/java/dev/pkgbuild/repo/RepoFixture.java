package dev.pkgbuild.repo;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.sign.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Keys and small packages for repository tests, made with the real writer. */
public final class RepoFixture {
  private RepoFixture() {}

  /** A 2048-bit key, generated once per JVM: 4096-bit generation is slow and tested elsewhere. */
  private static final class Holder {
    static final String PEM = make();

    private static String make() {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Writes the test key as {@code dir/test.rsa} (key name {@code test.rsa.pub}). */
  public static Path writeKey(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve("test.rsa"), Holder.PEM);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SigningKey key(Path dir) throws Exception {
    return SigningKey.load(writeKey(dir));
  }

  /**
   * Writes package {@code name-version} (arch x86_64) to a temp file in {@code dir}, as a
   * packager would, and returns it ready to publish.
   */
  public static StagedApk build(Path work, Path dir, SigningKey key, String name, String version) throws Exception {
    return build(work, dir, key, name, version, "x86_64");
  }

  public static StagedApk build(Path work, Path dir, SigningKey key, String name, String version, String arch)
      throws Exception {
    return build(work, dir, key, name, version, arch, name + " " + version + "\n");
  }

  /** As above with {@code text} in the package's one file: same name and version, other contents. */
  public static StagedApk build(Path work, Path dir, SigningKey key, String name, String version, String arch,
      String text) throws Exception {
    Path tree = work.resolve("tree-" + name + "-" + version);
    Files.createDirectories(tree.resolve("usr/share/" + name));
    Files.writeString(tree.resolve("usr/share/" + name + "/VERSION"), text);
    PkgInfo info = PkgInfo.builder(name, version).arch(arch).pkgdesc("test package " + name)
        .url("https://example.invalid/" + name).addLicense("MIT").origin(name).builddate(0L).build();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".pkgbuild-test-" + name + "-", ".apk.part");
    WrittenApk w = ApkWriter.of(key, 0).writeTo(info, tree, Map.of(), temp);
    return StagedApk.written(temp, w);
  }

  /** A fresh local repository under {@code tmp} with packages {@code names} at 1.0-r0 (x86_64), published one by one. */
  public static Path repository(Path tmp, SigningKey key, String... names) throws Exception {
    Path root = Files.createTempDirectory(tmp, "local");
    Repository repo = Repository.open(root, "x86_64", key, Reporter.silent());
    for (String n : names) {
      repo.publish(List.of(build(tmp, repo.archDir(), key, n, "1.0-r0")));
    }
    return root;
  }
}
