package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.repo.ObjectPublisher;
import dev.pkgbuild.repo.S3Location;
import dev.pkgbuild.repo.S3Store;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.io.FileTrees;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code pkgbuild publish DIR s3://BUCKET/PREFIX}: copies a local repository into object
 * storage, packages first, then each arch's index by a conditional write (see
 * {@link ObjectPublisher}). The signing key never leaves this machine.
 */
final class PublishCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "publish",
        "Publish the local repository DIR into an S3-compatible object store: upload the packages the remote "
            + "index lacks, then merge them into the remote <arch>/APKINDEX.tar.gz, signed here, written only if "
            + "no other publisher replaced it meanwhile (If-Match), merged again when one did. Credentials come "
            + "from the AWS SDK's default chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...); "
            + "the region from AWS_REGION or the profile, else us-east-1.");
    spec.addPositional(PositionalParamSpec.builder().type(List.class).auxiliaryTypes(String.class)
        .paramLabel("[DIR] URL").arity("1..2").description("DIR: local repository root with "
            + "<arch>/APKINDEX.tar.gz (as pkgbuild build leaves it); URL: s3://BUCKET/PREFIX to publish into. "
            + "With --incoming, URL alone.").build());
    Flags.value(spec, Path.class, "KEY", null, SigningKeyOption.DESCRIPTION, "--signing-key");
    S3Flags.declare(spec);
    Flags.flag(spec, "Write the index unconditionally: for stores that ignore If-Match; you guarantee that no "
        + "other publisher writes this repository at the same time.", "--single-publisher");
    Flags.flag(spec, "Publish what builders left under URL/incoming/ (pkgbuild build --incoming): check each "
        + "package, sign it into the index, then remove it from incoming/.", "--incoming");
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    List<String> args = spec.positionalParameters().get(0).getValue();
    boolean incoming = Flags.on(spec, "--incoming");
    if (args.size() != (incoming ? 1 : 2)) {
      throw PkgbuildException.badInput(incoming ? "publish --incoming takes the s3://BUCKET/PREFIX alone"
          : "publish takes DIR and s3://BUCKET/PREFIX");
    }
    S3Location where = S3Location.parse(args.get(args.size() - 1));
    SigningKey key = SigningKeyOption.required(Flags.get(spec, "--signing-key"));
    ObjectPublisher.Options options = new ObjectPublisher.Options(Flags.on(spec, "--single-publisher"),
        ObjectPublisher.Options.defaults(0).maxAttempts(), HostDefaults.sourceDateEpoch().seconds());
    PrintWriter out = spec.commandLine().getOut();
    try (S3Store store = S3Flags.of(spec).open(where)) {
      ObjectPublisher publisher = new ObjectPublisher(store, key, RepoOptions.reporter(spec), options);
      List<ObjectPublisher.ArchResult> results;
      if (incoming) {
        Path work = HostDefaults.workFolder("pkgbuild-incoming-");
        try {
          results = publisher.takeIncoming(work);
        } finally {
          FileTrees.deleteQuietly(work);
        }
        if (results.isEmpty()) {
          out.println(where + "/incoming: nothing waiting");
        }
      } else {
        results = publisher.publish(Path.of(args.get(0)));
      }
      for (ObjectPublisher.ArchResult r : results) {
        out.println(line(where, r) + ", signed with " + key.keyName());
      }
    }
    out.flush();
    return ExitStatus.OK.code();
  }

  /** What publishing one arch did, in the words {@code publish} and {@code build --out-dir s3://} print. */
  static String line(S3Location where, ObjectPublisher.ArchResult r) {
    return where + "/" + r.arch() + ": " + r.listed() + " packages, " + r.uploaded() + " uploaded, " + r.added()
        + " added" + (r.conflicts() == 0 ? "" : ", " + r.conflicts() + " conflicts merged");
  }
}
