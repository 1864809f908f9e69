package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps one arch folder's index in memory and rewrites the signed {@code APKINDEX.tar.gz}
 * after each change, reading only the package being added. Not thread-safe: the repository
 * publisher serialises calls (it holds the repository lock).
 */
public final class IndexUpdater {
  private final Path dir;
  private final SigningKey key;
  private final long epoch;
  private ApkIndex index;
  /** The rendered text of each record, parallel to {@code index.entries()}, so adds re-render one. */
  private final List<byte[]> blocks = new ArrayList<>();

  private IndexUpdater(Path dir, SigningKey key, long epoch, ApkIndex index) {
    this.dir = dir;
    this.key = key;
    this.epoch = epoch;
    this.index = index;
    index.entries().forEach(e -> blocks.add(IndexArchive.block(e)));
  }

  /**
   * Opens {@code dir}: loads its existing index (its signature must verify with {@code keys}
   * when it is signed), or starts empty when there is none.
   *
   * @throws PkgbuildException when the existing index is unreadable or its signature is bad
   */
  public static IndexUpdater open(Path dir, SigningKey key, TrustedKeys keys, long epoch) throws PkgbuildException {
    Path file = dir.resolve("APKINDEX.tar.gz");
    if (!Files.exists(file)) {
      return new IndexUpdater(dir, key, epoch, ApkIndex.empty(null));
    }
    IndexArchive.Read read = IndexArchive.read(file, keys);
    if (read.signature() == dev.pkgbuild.sign.VerifyResult.BAD) {
      throw PkgbuildException.badInput(file + ": BAD signature; rebuild it with 'pkgbuild index'");
    }
    return new IndexUpdater(dir, key, epoch, read.index());
  }

  /** The index as it stands. */
  public ApkIndex index() {
    return index;
  }

  /**
   * Reads and checks {@code apk} (which must already sit in the folder), adds or replaces its
   * record, and rewrites the signed index atomically.
   *
   * @throws PkgbuildException when the package has a problem or the index cannot be written
   */
  public IndexEntry add(Path apk) throws PkgbuildException {
    IndexEntry e = RepoIndexer.entryFor(apk);
    int at = Collections.binarySearch(index.entries(), e, ApkIndex.ORDER);
    if (at >= 0) {
      blocks.set(at, IndexArchive.block(e));
    } else {
      blocks.add(-at - 1, IndexArchive.block(e));
    }
    index = index.with(e);
    IndexArchive.write(dir.resolve("APKINDEX.tar.gz"), index.description(), blocks, key, epoch);
    return e;
  }
}
