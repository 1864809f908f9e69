package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.RepoInfo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild repo-info}: what a consumer needs to use a repository. */
@Command(name = "repo-info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Print the key, the /etc/apk/repositories line, a Dockerfile and an apko snippet for a repository.")
final class RepoInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "repo",
      description = "Repository root (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
      description = "Where the repository root is served (default: ${DEFAULT-VALUE}).")
  String url;

  @Override
  public Integer call() throws PkgbuildException {
    spec.commandLine().getOut().print(RepoInfo.read(dir, url).render());
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
