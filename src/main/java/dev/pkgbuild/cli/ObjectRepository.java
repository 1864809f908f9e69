package dev.pkgbuild.cli;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.recipe.Arch;
import dev.pkgbuild.repo.ObjectPublisher;
import dev.pkgbuild.repo.S3Location;
import dev.pkgbuild.repo.S3Store;
import dev.pkgbuild.sign.SigningKey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code withdraw} and {@code prune} on {@code s3://BUCKET/PREFIX}: the same selection as in a
 * folder, applied to each arch's index in the store by a conditional write, the objects deleted
 * after the index no longer names them (see {@link ObjectPublisher#remove}).
 */
final class ObjectRepository {
  private final S3Location where;
  private final S3Flags flags;
  private final SigningKey key;
  private final Reporter reporter;

  ObjectRepository(S3Location where, S3Flags flags, SigningKey key, Reporter reporter) {
    this.where = where;
    this.flags = flags;
    this.key = key;
    this.reporter = reporter;
  }

  /** Withdraws {@code ids} from every arch that lists them; all must be listed somewhere, else nothing is withdrawn. */
  void withdraw(List<String> ids, String onlyArch, PrintWriter out) throws PkgbuildException {
    try (S3Store store = flags.open(where)) {
      publisher(store).withdraw(arches(onlyArch), ids, where).forEach((arch, removed) ->
          print(out, "withdrew", arch, removed));
    }
  }

  /** Keeps the newest {@code keep} versions of each name in every arch's index (or {@code onlyArch}'s). */
  void prune(int keep, String onlyArch, PrintWriter out) throws PkgbuildException {
    try (S3Store store = flags.open(where)) {
      ObjectPublisher publisher = publisher(store);
      for (String arch : arches(onlyArch)) {
        print(out, "pruned", arch, publisher.prune(arch, keep));
      }
    }
  }

  private ObjectPublisher publisher(S3Store store) throws PkgbuildException {
    return new ObjectPublisher(store, key, reporter,
        ObjectPublisher.Options.defaults(HostDefaults.sourceDateEpoch().seconds()));
  }

  // The store is not listed: an arch without an index is simply found empty.
  private static List<String> arches(String onlyArch) throws PkgbuildException {
    if (onlyArch != null) {
      return List.of(dev.pkgbuild.builder.Hosts.arch(onlyArch).apkName());
    }
    List<String> all = new ArrayList<>();
    for (Arch a : Arch.values()) {
      all.add(a.apkName());
    }
    return all;
  }

  private void print(PrintWriter out, String verb, String arch, List<IndexEntry> removed) {
    for (IndexEntry e : removed) {
      out.println(verb + " " + where + "/" + arch + "/" + e.fileName());
    }
    out.flush();
  }
}
