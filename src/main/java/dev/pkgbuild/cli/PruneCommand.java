package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.S3Location;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild prune}: keeps the newest N versions of each package name. */
@Command(name = "prune", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Keep the newest N versions (apk version order) of each package, withdraw the rest.")
final class PruneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOptions repo;

  @Option(names = "--keep", paramLabel = "N", required = true, description = "Versions to keep per name.")
  int keep;

  @Mixin S3Flags.Mixin s3;

  @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "repo",
      description = "Repository root, or s3://BUCKET/PREFIX (default: ${DEFAULT-VALUE}).")
  String dir;

  @Option(names = "--out-dir", paramLabel = "DIR", description = "Same as DIR.")
  String outDir;

  @Option(names = "--arch", paramLabel = "ARCH", description = "Only this arch (default: all).")
  String arch;

  @Override
  public Integer call() throws PkgbuildException {
    String root = outDir != null ? outDir : dir;
    if (S3Location.isS3(root)) {
      new ObjectRepository(S3Location.parse(root), s3.flags(), repo.key(), RepoOptions.reporter(spec))
          .prune(keep, arch, spec.commandLine().getOut());
    } else {
      WithdrawCommand.print(spec.commandLine().getOut(), "pruned", repo.root(Path.of(root), spec).prune(keep, arch));
    }
    return ExitStatus.OK.code();
  }
}
