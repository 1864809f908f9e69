package dev.pkgbuild.testing;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.RepoServer;
import dev.pkgbuild.sign.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A signed APK repository made from Debian's binary packages of a C toolchain (gcc, binutils,
 * libc6-dev, make, busybox-static and their closure, which .ci/run downloads into
 * {@code $PKGBUILD_DEBIAN_DEBS}), plus a {@code build-base} meta package: every .deb becomes
 * one APK written by the project's own writer, with so:/cmd: metadata from the project's
 * analyzer, published with the project's repository code (see {@link DebianToolchain}).
 *
 * <p>Built once per set of .debs and converter version, cached under
 * {@code ~/.cache/pkgbuild-test/toolchain-apk/<key>} (made beside it and renamed into place,
 * so a half-made repository is never seen), signing key included, so it verifies across runs.
 */
public final class DebianToolchainRepo {
  /** Bump when the conversion changes: the cache key includes it. */
  static final String CONVERTER_VERSION = "1";
  private static DebianToolchainRepo built;

  private final Path dir;
  private final SigningKey key;

  private DebianToolchainRepo(Path dir) throws PkgbuildException {
    this.dir = dir;
    this.key = SigningKey.load(dir.resolve("keys/test.rsa"));
  }

  /** The repository and its public key served over HTTP on 127.0.0.1; close the server when done. */
  public record Served(AutoCloseable server, String url, String keyUrl) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      server.close();
    }
  }

  /**
   * The repository, built on first use (minutes) or taken from the cache. Skips (fails under
   * CI) when the downloaded .debs are missing.
   */
  public static synchronized DebianToolchainRepo require() throws Exception {
    Path debs = debsDir();
    Requires.that(Files.isRegularFile(debs.resolve("closure.list")),
        "the Debian toolchain .debs are missing in " + debs + " (.ci/run downloads them)");
    if (built == null) {
      built = new DebianToolchainRepo(cached(debs));
    }
    return built;
  }

  /** The repository folder (holding {@code x86_64/APKINDEX.tar.gz} and the public key). */
  public Path root() {
    return dir.resolve("repo");
  }

  /** The name the index is signed under, e.g. {@code test.rsa.pub}. */
  public String keyName() {
    return key.keyName();
  }

  /** The public key file, named {@link #keyName()}. */
  public Path publicKey() {
    return root().resolve(keyName());
  }

  /** Serves {@link #root()} on 127.0.0.1; the key is at {@code keyUrl}. */
  public Served serve() throws PkgbuildException {
    RepoServer server = RepoServer.start(root(), "127.0.0.1", 0, Reporter.silent());
    String url = server.url().toString();
    return new Served(server, url, url + "/" + keyName());
  }

  /** The conversion's summary line, e.g. package count and size, written when it was built. */
  public String summary() throws IOException {
    return Files.readString(dir.resolve("summary.txt")).strip();
  }

  static Path debsDir() {
    String d = System.getenv().getOrDefault("PKGBUILD_DEBIAN_DEBS",
        System.getProperty("user.home") + "/.cache/pkgbuild-test/debian-debs");
    return Path.of(d).toAbsolutePath();
  }

  static Path cacheBase() {
    return Path.of(System.getProperty("user.home"), ".cache/pkgbuild-test/toolchain-apk");
  }

  /** The cached folder for this .deb set, made when missing. */
  private static Path cached(Path debs) throws Exception {
    String id = cacheKey(debs);
    Path base = Files.createDirectories(cacheBase());
    Path done = base.resolve(id);
    if (Files.isRegularFile(done.resolve("summary.txt"))) {
      return done;
    }
    removeAbandoned(base);
    Path work = Files.createTempDirectory(base, id + ".part-");
    try {
      Path keys = Files.createDirectories(work.resolve("keys"));
      RepoFixture.writeKey(keys);
      SigningKey k = SigningKey.load(keys.resolve("test.rsa"));
      String summary = new DebianToolchain(debs, work.resolve("work"), work.resolve("repo"), k).build();
      FileTrees.delete(work.resolve("work"));
      Files.writeString(work.resolve("summary.txt"), summary + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(work, done, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
        // another JVM finished the same key first; its copy is as good as ours
      }
    } finally {
      if (Files.exists(work)) {
        FileTrees.deleteQuietly(work);
      }
    }
    return done;
  }

  /** Deletes half-made folders a killed JVM left (older than an hour, so none still being made). */
  private static void removeAbandoned(Path base) throws IOException {
    Instant cutoff = Instant.now().minus(Duration.ofHours(1));
    try (Stream<Path> s = Files.list(base)) {
      for (Path p : s.filter(p -> p.getFileName().toString().contains(".part-")).toList()) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          FileTrees.deleteQuietly(p);
        }
      }
    }
  }

  /** Hash of the closure list, every .deb's name and size, and the converter version. */
  static String cacheKey(Path debs) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(("converter " + CONVERTER_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
    md.update(Files.readAllBytes(debs.resolve("closure.list")));
    for (Path deb : debFiles(debs)) {
      md.update((deb.getFileName() + " " + Files.size(deb) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  static List<Path> debFiles(Path debs) throws IOException {
    try (Stream<Path> s = Files.list(debs)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().toList();
    }
  }
}
