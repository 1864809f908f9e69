package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.repo.ObjectPublisher;
import dev.pkgbuild.repo.RepoInfo;
import dev.pkgbuild.repo.S3Location;
import dev.pkgbuild.repo.S3Store;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild repo-info}: what a consumer needs to use a repository. */
@Command(name = "repo-info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Print the key, the /etc/apk/repositories line, a Dockerfile and an apko snippet for a repository.")
final class RepoInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin S3Flags.Mixin s3;

  @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "repo",
      description = "Repository root, or s3://BUCKET/PREFIX (default: ${DEFAULT-VALUE}).")
  String dir;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
      description = "Where the repository root is served (default: ${DEFAULT-VALUE}).")
  String url;

  @Override
  public Integer call() throws PkgbuildException {
    RepoInfo info;
    if (S3Location.isS3(dir)) {
      S3Location where = S3Location.parse(dir);
      Path work = HostDefaults.workFolder("pkgbuild-info-");
      try (S3Store store = s3.flags().open(where)) {
        ObjectPublisher.copyMetadata(store, work);
        info = RepoInfo.read(work, url, where.toString());
      } finally {
        FileTrees.deleteQuietly(work);
      }
    } else {
      info = RepoInfo.read(Path.of(dir), url);
    }
    spec.commandLine().getOut().print(info.render());
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
