package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.PublishResult;
import dev.pkgbuild.repo.RepoRoot;
import dev.pkgbuild.repo.Repository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pkgbuild index}: brings an arch folder's signed index in line with its packages, under the lock. */
@Command(name = "index", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Update the signed APKINDEX.tar.gz of an arch folder (or of each arch folder of a repository).",
        "By default only packages missing from the index are read and records whose file is gone are dropped;",
        "--rebuild reads every package again (in parallel) and also replaces an index that does not verify."})
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOptions repo;

  @Parameters(paramLabel = "DIR", description = "An arch folder such as packages/x86_64, or a repository root.")
  Path dir;

  @Option(names = "--rebuild", description = "Read every package again and write the index from scratch.")
  boolean rebuild;

  @Override
  public Integer call() throws PkgbuildException {
    PrintWriter out = spec.commandLine().getOut();
    for (Path folder : RepoRoot.archFolders(dir)) {
      Path abs = folder.toAbsolutePath().normalize();
      Repository r = repo.root(abs.getParent(), spec).arch(abs.getFileName().toString());
      PublishResult result = rebuild ? r.rebuild() : r.repair();
      out.println(r.indexFile() + ": " + result.index().entries().size() + " packages"
          + (rebuild ? "" : ", " + result.added().size() + " added, " + result.removed().size() + " dropped"));
    }
    out.flush();
    return ExitStatus.OK.code();
  }
}
