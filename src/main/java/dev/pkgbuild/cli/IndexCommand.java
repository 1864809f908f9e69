package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.PackageInspector;
import dev.pkgbuild.repo.PublishResult;
import dev.pkgbuild.repo.RepoRoot;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild index}: brings an arch folder's index in line with its packages, under the repository lock. */
@Command(name = "index", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Update DIR/APKINDEX.tar.gz (signed) from the .apk files in DIR (an arch folder, or each arch",
        "folder of a repository root). By default only packages the index lacks are read and records whose",
        "file is gone are dropped; --rebuild reads every package again, in parallel, and also replaces an",
        "index that does not verify."})
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOptions repo;

  @Parameters(paramLabel = "DIR", description = "Arch folder of a repository, for example repo/x86_64, or the root.")
  Path dir;

  @Option(names = "--rebuild", description = "Read every package again and write the index from scratch.")
  boolean rebuild;

  @Option(names = "--description", paramLabel = "TEXT", description = "Text for the DESCRIPTION member.")
  String description;

  @Override
  public Integer call() throws PkgbuildException {
    SigningKey key = repo.signing.load().orElse(null);
    PrintWriter out = spec.commandLine().getOut();
    for (Path folder : RepoRoot.archFolders(dir)) {
      Path abs = folder.toAbsolutePath().normalize();
      Repository r = Repository.open(abs.getParent(), abs.getFileName().toString(), key, RepoOptions.reporter(spec))
          .withInspector(PackageInspector.structural()).withLockWait(repo.lockWait())
          .withIndexEpoch(HostDefaults.sourceDateEpoch().seconds()).withDescription(description);
      PublishResult result = rebuild ? r.rebuild() : r.repair();
      out.println(r.indexFile() + ": " + result.index().entries().size() + " packages"
          + (rebuild ? "" : ", " + result.added().size() + " added, " + result.removed().size() + " dropped")
          + ", " + (key == null ? "unsigned" : "signed with " + key.keyName()));
    }
    out.flush();
    return ExitStatus.OK.code();
  }
}
