package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.PackageInspector;
import dev.pkgbuild.repo.PublishResult;
import dev.pkgbuild.repo.ObjectPublisher;
import dev.pkgbuild.repo.RepoRoot;
import dev.pkgbuild.repo.S3Location;
import dev.pkgbuild.repo.S3Store;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.sign.SigningKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code pkgbuild index}: brings an arch folder's index in line with its packages, under the
 * repository lock. Declared in code (see {@link Flags}): adding one package to an index is a
 * short run, and reading this command's annotations cost it about 60 ms of CPU.
 */
final class IndexCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "index",
        "Update DIR/APKINDEX.tar.gz (signed) from the .apk files in DIR (an arch folder, or each arch "
            + "folder of a repository root). By default only packages the index lacks are read and records whose "
            + "file is gone are dropped; --rebuild reads every package again, in parallel, and also replaces an "
            + "index that does not verify.");
    spec.addPositional(PositionalParamSpec.builder().type(String.class).paramLabel("DIR")
        .description("Arch folder of a repository, for example repo/x86_64, or the root; or s3://BUCKET/PREFIX, "
            + "whose indexes are always rebuilt from the packages in the store.").build());
    S3Flags.declare(spec);
    Flags.value(spec, Path.class, "KEY", null, SigningKeyOption.DESCRIPTION, "--signing-key");
    Flags.value(spec, long.class, "SECONDS", "120", RepoOptions.LOCK_WAIT_DESCRIPTION, "--lock-wait");
    Flags.flag(spec, "Read every package again and write the index from scratch.", "--rebuild");
    Flags.value(spec, String.class, "TEXT", null, "Text for the DESCRIPTION member.", "--description");
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    String given = spec.positionalParameters().get(0).getValue();
    if (S3Location.isS3(given)) {
      return rebuildInStore(S3Location.parse(given));
    }
    Path dir = Path.of(given);
    boolean rebuild = Flags.on(spec, "--rebuild");
    String description = Flags.get(spec, "--description");
    Duration lockWait = Duration.ofSeconds(Flags.<Long>get(spec, "--lock-wait"));
    SigningKey key = SigningKeyOption.load(Flags.get(spec, "--signing-key")).orElse(null);
    if (key != null) {
      key.prepare(); // the native signer loads while the packages and the old index are read
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Path folder : RepoRoot.archFolders(dir)) {
      Path abs = folder.toAbsolutePath().normalize();
      Repository r = Repository.open(abs.getParent(), abs.getFileName().toString(), key, RepoOptions.reporter(spec))
          .withInspector(PackageInspector.structural()).withLockWait(lockWait)
          .withIndexEpoch(HostDefaults.sourceDateEpoch().seconds()).withDescription(description);
      PublishResult result = rebuild ? r.rebuild() : r.repair();
      out.println(r.indexFile() + ": " + result.index().entries().size() + " packages"
          + (rebuild ? "" : ", " + result.added().size() + " added, " + result.removed().size() + " dropped")
          + ", " + (key == null ? "unsigned" : "signed with " + key.keyName()));
    }
    out.flush();
    return ExitStatus.OK.code();
  }

  /** {@code index s3://...}: every arch's index written from scratch from the packages in the store. */
  private int rebuildInStore(S3Location where) throws PkgbuildException {
    SigningKey key = SigningKeyOption.required(Flags.get(spec, "--signing-key"));
    PrintWriter out = spec.commandLine().getOut();
    Path work = HostDefaults.workFolder("pkgbuild-index-");
    try (S3Store store = S3Flags.of(spec).open(where)) {
      ObjectPublisher publisher = new ObjectPublisher(store, key, RepoOptions.reporter(spec),
          ObjectPublisher.Options.defaults(HostDefaults.sourceDateEpoch().seconds()));
      for (ObjectPublisher.ArchResult r : publisher.rebuild(work)) {
        out.println(where + "/" + r.arch() + "/APKINDEX.tar.gz: " + r.listed() + " packages, signed with "
            + key.keyName());
      }
    } finally {
      FileTrees.deleteQuietly(work);
    }
    out.flush();
    return ExitStatus.OK.code();
  }
}
