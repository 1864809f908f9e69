package dev.pkgbuild.apk;

import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.sign.SignatureType;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@link ApkReader} learned from a package file.
 *
 * @param file the package path
 * @param fileSize its length in bytes
 * @param signatures the {@code .SIGN.*} files, in archive order (empty: unsigned)
 * @param controlMember the raw bytes of the control gzip member (what the signature covers)
 * @param dataOffset where the data member(s) start in the file
 * @param pkginfoText the {@code .PKGINFO} text
 * @param info the parsed {@code .PKGINFO}
 * @param controlNames names in the control member, {@code .PKGINFO} and scripts
 * @param entries the data entries (sha1 is the declared checksum record)
 * @param actualDatahash SHA-256 hex of the bytes after the control member
 * @param identity {@code C:} value: Q1 + base64 SHA-1 of the control member (control + data without datahash)
 * @param problems format problems found, one line each; empty for a clean package
 */
public record ApkContents(Path file, long fileSize, List<Signature> signatures, byte[] controlMember,
    long dataOffset, String pkginfoText, PkgInfo info, List<String> controlNames, List<TarEntry> entries,
    String actualDatahash, String identity, List<String> problems) {

  /**
   * One signature file.
   *
   * @param type its digest kind
   * @param keyName the public key file name it names
   * @param value the raw signature bytes
   */
  public record Signature(SignatureType type, String keyName, byte[] value) {}

  /** Copies the lists. */
  public ApkContents {
    signatures = List.copyOf(signatures);
    controlNames = List.copyOf(controlNames);
    entries = List.copyOf(entries);
    problems = List.copyOf(problems);
  }

  /** The index record for this package. */
  public IndexEntry indexEntry() {
    return IndexEntry.of(info, identity, fileSize);
  }
}
