package dev.pkgbuild.apk;

/**
 * What {@link ApkWriter} produced.
 *
 * @param info the {@code .PKGINFO} as written, with {@code size} and {@code datahash} filled in
 * @param identity the package identity {@code Q1<base64 sha1 of the control member>} ({@code C:})
 * @param fileSize the length of the whole {@code .apk} in bytes ({@code S:})
 */
public record WrittenApk(PkgInfo info, String identity, long fileSize) {
  /** The index record for this package. */
  public IndexEntry indexEntry() {
    return IndexEntry.of(info, identity, fileSize);
  }
}
