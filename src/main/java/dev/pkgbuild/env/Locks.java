package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkIdentity;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes an environment's lock, and resolves an environment held to one. */
public final class Locks {
  private Locks() {}

  /**
   * The lock of {@code env}, whose packages {@code files} holds in install order.
   *
   * @param configName the config (recipe) path as given
   * @param config its bytes, for {@code config.checksum}
   * @throws PkgbuildException when a package file or key cannot be read
   */
  public static LockFile of(String configName, byte[] config, ResolvedEnvironment env, List<VerifiedPackage> files)
      throws PkgbuildException {
    String arch = env.request().arch();
    List<LockFile.Key> keys = new ArrayList<>();
    for (int i = 0; i < env.keyFiles().size(); i++) {
      String entry = env.request().keyring().get(i);
      keys.add(new LockFile.Key(withoutScheme(entry), entry, read(env.keyFiles().get(i))));
    }
    keys.sort(Comparator.comparing(LockFile.Key::name));
    List<LockFile.Repository> repos = new ArrayList<>();
    for (RepositoryLine line : env.repositories()) {
      repos.add(new LockFile.Repository(withoutScheme(line.display()) + "/" + arch,
          line.join(arch, "APKINDEX.tar.gz").replace(line.location(), line.display()), arch));
    }
    List<LockFile.Locked> pkgs = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      ResolvedPackage p = env.resolution().packages().get(i);
      RepositoryLine line = env.lineOf(p.repository());
      IndexEntry e = p.entry();
      String url = line.join(arch, e.fileName()).replace(line.location(), line.display());
      pkgs.add(spans(files.get(i).file(), e, url, arch));
    }
    String checksum = "sha256-" + Base64.getEncoder().encodeToString(Digests.of("SHA-256").digest(config));
    return new LockFile(configName, checksum, keys, repos, pkgs);
  }

  /**
   * Resolves {@code request} from the packages {@code lock} names only, as found in the request's
   * repositories: the same set or one clear error saying how the lock and the request part.
   *
   * @param lockName the lock file, for messages
   * @throws PkgbuildException when a locked package is in no repository, or the locked set no
   *     longer meets the world or holds more than it needs
   */
  public static Resolution resolve(List<RepositoryIndex> indexes, EnvironmentRequest request, LockFile lock,
      String lockName) throws PkgbuildException {
    List<LockFile.Locked> locked = lock.packages().stream()
        .filter(l -> l.architecture() == null || l.architecture().equals(request.arch())).toList();
    Set<String> wanted = new HashSet<>();
    locked.forEach(l -> wanted.add(key(l)));
    Set<String> found = new HashSet<>();
    List<RepositoryIndex> held = new ArrayList<>();
    for (RepositoryIndex r : indexes) {
      List<IndexEntry> kept = r.entries().stream().filter(e -> wanted.contains(key(e))).toList();
      kept.forEach(e -> found.add(key(e)));
      held.add(new RepositoryIndex(r.location(), r.tag(), kept));
    }
    for (LockFile.Locked l : locked) {
      if (!found.contains(key(l))) {
        throw PkgbuildException.badInput(lockName + ": locked package " + l.nameVersion() + " (" + l.checksum()
            + ") is in none of the repositories; run pkgbuild lock again");
      }
    }
    Resolution r;
    try {
      r = Resolver.resolve(held, request.world(), request.arch());
    } catch (PkgbuildException e) {
      throw PkgbuildException.badInput(lockName + " no longer matches the environment: " + e.getMessage()
          + "; run pkgbuild lock again");
    }
    Set<String> used = new HashSet<>();
    r.packages().forEach(p -> used.add(key(p.entry())));
    List<String> extra = locked.stream().filter(l -> !used.contains(key(l))).map(LockFile.Locked::nameVersion)
        .toList();
    if (!extra.isEmpty()) {
      throw PkgbuildException.badInput(lockName + " no longer matches the environment: it locks "
          + String.join(", ", extra) + ", which nothing needs now; run pkgbuild lock again");
    }
    return r;
  }

  private static String key(IndexEntry e) {
    return key(e.name(), e.version(), e.checksum());
  }

  private static String key(LockFile.Locked l) {
    return key(l.name(), l.version(), l.checksum());
  }

  private static String key(String name, String version, String checksum) {
    return name + "\0" + version + "\0" + checksum;
  }

  /** The byte ranges and digests of the package's gzip members: signature (if any), control, then data. */
  static LockFile.Locked spans(Path file, IndexEntry e, String url, String arch) throws PkgbuildException {
    ControlMember.Heads heads;
    byte[] dataSha256;
    long size;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      heads = ControlMember.heads(in);
    } catch (IOException x) {
      throw PkgbuildException.failed("cannot read " + file + ": " + x.getMessage());
    }
    if (!ApkIdentity.of(heads.control().raw()).equals(e.checksum())) {
      throw PkgbuildException.failed(file + ": its control member does not match the index checksum " + e.checksum());
    }
    long dataStart = heads.control().end();
    try (InputStream in = Files.newInputStream(file)) {
      size = Files.size(file);
      in.skipNBytes(dataStart);
      dataSha256 = Digests.digest(Digests.of("SHA-256"), in);
    } catch (IOException x) {
      throw PkgbuildException.failed("cannot read " + file + ": " + x.getMessage());
    }
    ControlMember.Member sig = heads.signature();
    LockFile.Span signature = sig == null ? new LockFile.Span("", "")
        : span(sig.start(), sig.end() - 1, "sha1-", Digests.sha1(sig.raw()));
    LockFile.Span control = span(heads.control().start(), dataStart - 1, "sha1-", Digests.sha1(heads.control().raw()));
    LockFile.Span data = span(dataStart, size - 1, "sha256-", dataSha256);
    return new LockFile.Locked(e.name(), e.version(), arch, url, signature, control, data, e.checksum());
  }

  private static LockFile.Span span(long from, long to, String prefix, byte[] digest) {
    return new LockFile.Span("bytes=" + from + "-" + to, prefix + Base64.getEncoder().encodeToString(digest));
  }

  private static String withoutScheme(String s) {
    return s.replaceFirst("(?i)^https?://", "");
  }

  private static String read(Path key) throws PkgbuildException {
    try {
      return Files.readString(key, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw PkgbuildException.badInput("cannot read key " + key + ": " + e.getMessage());
    }
  }
}
