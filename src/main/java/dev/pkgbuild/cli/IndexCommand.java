package dev.pkgbuild.cli;

import dev.pkgbuild.apk.ApkIndex;
import dev.pkgbuild.apk.RepoIndexer;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild index DIR}: rebuilds DIR/APKINDEX.tar.gz from the packages there. */
@Command(name = "index", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Rebuild DIR/APKINDEX.tar.gz from the .apk files in DIR (an arch folder), signed.")
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SigningKeyOption key;

  @Parameters(paramLabel = "DIR", description = "Arch folder of a repository, for example repo/x86_64.")
  Path dir;

  @Option(names = "--description", paramLabel = "TEXT", description = "Text for the DESCRIPTION member.")
  String description;

  @Override
  public Integer call() throws PkgbuildException {
    SigningKey k = key.load().orElse(null);
    ApkIndex index = RepoIndexer.rebuild(dir, k, description, SourceDateEpoch.fromEnvironment());
    spec.commandLine().getOut().println(dir.resolve("APKINDEX.tar.gz") + ": " + index.entries().size()
        + " packages, " + (k == null ? "unsigned" : "signed with " + k.keyName()));
    spec.commandLine().getOut().flush();
    return ExitStatus.OK.code();
  }
}
