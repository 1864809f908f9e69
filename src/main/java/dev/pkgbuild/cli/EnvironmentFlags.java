package dev.pkgbuild.cli;

import dev.pkgbuild.builder.EnvironmentOptions;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.HttpAuth;
import dev.pkgbuild.env.RepositoryLine;
import dev.pkgbuild.sandbox.HostIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where build environments come from, named as melange and apk name them: repositories,
 * keys and packages appended to a recipe's environment, the apk cache, and trust.
 */
final class EnvironmentFlags {
  final List<String> repositories;
  final List<String> keyring;
  final List<String> packages;
  final Path apkCacheDir;
  final boolean allowUntrusted;
  final S3Flags s3;

  /** Declares the flags on {@code spec}. */
  static void declare(CommandSpec spec) {
    spec.addOption(Flags.repeatable(String.class, "REPO", "APK repository added to every environment: a folder, "
        + "file: or http(s):// URL, s3://BUCKET/PREFIX, or '@tag URL' (repeatable). Its packages also serve what a tree cannot "
        + "build first.", "-r", "--repository-append").build());
    spec.addOption(Flags.repeatable(String.class, "KEY",
        "Public key trusted for repository indexes: a path or an http(s):// URL (repeatable).",
        "-k", "--keyring-append").build());
    spec.addOption(Flags.repeatable(String.class, "PKG", "Package added to every environment (repeatable).",
        "--package-append").splitRegex(",").build());
    Flags.value(spec, Path.class, "<apkCacheDir>", null,
        "Cache of indexes, keys and packages (default: apk/ in the cache folder).", "--apk-cache-dir");
    Flags.flag(spec, "Accept repository indexes that no trusted key signed.", "--allow-untrusted");
    S3Flags.declare(spec);
  }

  /** The flags as parsed for {@code spec}. */
  EnvironmentFlags(CommandSpec spec) {
    this.repositories = orEmpty(Flags.get(spec, "--repository-append"));
    this.keyring = orEmpty(Flags.get(spec, "--keyring-append"));
    this.packages = orEmpty(Flags.get(spec, "--package-append"));
    this.apkCacheDir = Flags.get(spec, "--apk-cache-dir");
    this.allowUntrusted = Flags.on(spec, "--allow-untrusted");
    this.s3 = S3Flags.of(spec);
  }

  /** The options for builds whose caches live under {@code cacheDir} ({@code given}: the --cache-dir flag). */
  EnvironmentOptions options(Path given, Path cacheDir) throws PkgbuildException {
    return new EnvironmentOptions(repositories, keyring, packages, apkCacheDir(cacheDir), rootsDir(given, cacheDir),
        allowUntrusted, HttpAuth.fromEnvironment(System.getenv(HttpAuth.VARIABLE)), new S3Objects(s3));
  }

  Path apkCacheDir(Path cacheDir) {
    return apkCacheDir != null ? apkCacheDir : cacheDir.resolve("apk");
  }

  /** The untagged local folders among the repositories (what a plan reads to find packages it need not build). */
  List<Path> localRepositories() throws PkgbuildException {
    List<Path> out = new ArrayList<>();
    for (String r : repositories) {
      RepositoryLine line = RepositoryLine.parse(r);
      if (line.tag() == null && !line.remote()) {
        out.add(line.folder(Path.of("")));
      }
    }
    return out;
  }

  /**
   * Installed roots: under the cache folder, except for root with the default one, whose home
   * (0700) the sandbox's own uid could not enter.
   */
  private static Path rootsDir(Path given, Path cacheDir) {
    if (given == null && HostIdentity.current().dropsRoot()) {
      return Path.of("/var/cache/pkgbuild/roots");
    }
    return cacheDir.resolve("roots");
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
