package dev.pkgbuild.cli;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.PublishResult;
import dev.pkgbuild.repo.S3Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild withdraw}: removes packages, file and index record, under the lock. */
@Command(name = "withdraw", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Remove packages (NAME-VERSION-rN) from a repository: file and index record together.")
final class WithdrawCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOptions repo;

  @Parameters(paramLabel = "NAME-VER-rN", arity = "1..*", description = "Packages to withdraw.")
  List<String> ids;

  @Mixin S3Flags.Mixin s3;

  @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "repo",
      description = "Repository root, or s3://BUCKET/PREFIX (default: ${DEFAULT-VALUE}).")
  String outDir;

  @Option(names = "--arch", paramLabel = "ARCH", description = "Only this arch (default: every arch that has them).")
  String arch;

  @Override
  public Integer call() throws PkgbuildException {
    if (S3Location.isS3(outDir)) {
      new ObjectRepository(S3Location.parse(outDir), s3.flags(), repo.key(), RepoOptions.reporter(spec))
          .withdraw(ids, arch, spec.commandLine().getOut());
    } else {
      print(spec.commandLine().getOut(), "withdrew", repo.root(Path.of(outDir), spec).withdraw(ids, arch));
    }
    return ExitStatus.OK.code();
  }

  static void print(PrintWriter out, String verb, Map<String, PublishResult> results) {
    results.forEach((arch, r) -> {
      for (IndexEntry e : r.removed()) {
        out.println(verb + " " + arch + "/" + e.fileName());
      }
    });
    out.flush();
  }
}
