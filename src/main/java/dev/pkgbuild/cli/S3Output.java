package dev.pkgbuild.cli;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.repo.ObjectPublisher;
import dev.pkgbuild.repo.S3Location;
import dev.pkgbuild.repo.S3Store;
import dev.pkgbuild.sign.SigningKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code build --out-dir s3://BUCKET/PREFIX}: the build publishes into an empty local stage
 * folder, and afterwards the stage is published into the store as {@code pkgbuild publish} does:
 * packages first, then the index by a conditional write, merged again on conflict. A plan takes
 * what the store's index lists as present. The stage is removed at the end; the signing key
 * stays on this machine.
 */
final class S3Output implements AutoCloseable {
  private final S3Location where;
  private final S3Store store;
  private final Path stage;
  private final Path signingKey;
  private final Path keysDir;
  private final Reporter reporter;

  private S3Output(S3Location where, S3Store store, Path stage, Path signingKey, Path keysDir, Reporter reporter) {
    this.where = where;
    this.store = store;
    this.stage = stage;
    this.signingKey = signingKey;
    this.keysDir = keysDir;
    this.reporter = reporter;
  }

  /**
   * Opens the store, with an empty stage folder under the temp root.
   *
   * @throws PkgbuildException when the stage folder cannot be made or the endpoint is malformed
   */
  static S3Output open(S3Location where, S3Flags flags, Path signingKey, Path keysDir, Reporter reporter)
      throws PkgbuildException {
    Path stage = HostDefaults.workFolder("pkgbuild-s3-");
    try {
      return new S3Output(where, flags.open(where), stage, signingKey, keysDir, reporter);
    } catch (PkgbuildException e) {
      FileTrees.deleteQuietly(stage);
      throw e;
    }
  }

  /**
   * What the store's index of {@code arch} lists, checked against this build's key.
   *
   * @throws PkgbuildException when the store cannot be read, or its index is signed by another
   *     key (or there is no key here yet)
   */
  List<IndexEntry> published(String arch) throws PkgbuildException {
    Optional<SigningKey> key = key();
    if (key.isPresent()) {
      return publisher(key.get()).published(arch);
    }
    if (store.get(arch + "/APKINDEX.tar.gz").isPresent()) {
      throw PkgbuildException.badInput(where + " has an index for " + arch + " and there is no signing key here: "
          + "pass the repository's key with --signing-key or --keys-dir");
    }
    return List.of();
  }

  /** The local folder the build publishes into. */
  Path stage() {
    return stage;
  }

  /** Publishes what the build put into the stage; one line per arch for the user. */
  List<String> publish() throws PkgbuildException {
    SigningKey key = key().orElseThrow(() -> PkgbuildException.failed("no signing key after the build"));
    return publisher(key).publish(stage).stream().map(r -> PublishCommand.line(where, r)).toList();
  }

  /** Single-publisher mode: uploads what the build put into the stage under {@code incoming/}, no index written. */
  List<String> offer() throws PkgbuildException {
    SigningKey key = key().orElseThrow(() -> PkgbuildException.failed("no signing key after the build"));
    int n = publisher(key).offer(stage);
    return List.of(where + "/incoming: " + n + " package" + (n == 1 ? "" : "s") + " uploaded for "
        + "'pkgbuild publish --incoming " + where + "' to index");
  }

  private ObjectPublisher publisher(SigningKey key) throws PkgbuildException {
    return new ObjectPublisher(store, key, reporter,
        ObjectPublisher.Options.defaults(HostDefaults.sourceDateEpoch().seconds()));
  }

  /** The key the build signs with: the given one, else the one in the keys folder (the build may have made it). */
  private Optional<SigningKey> key() throws PkgbuildException {
    return SigningKeyOption.load(signingKey, keysDir);
  }

  @Override
  public void close() {
    store.close();
    FileTrees.deleteQuietly(stage);
  }
}
