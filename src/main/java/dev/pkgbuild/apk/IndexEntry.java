package dev.pkgbuild.apk;

import java.util.List;

/**
 * One package block of an {@code APKINDEX}. Optional scalar fields are null when absent.
 *
 * @param checksum {@code C:} package identity, {@code Q1...}
 * @param name {@code P:}
 * @param version {@code V:}
 * @param arch {@code A:}, the download sub-directory
 * @param fileSize {@code S:} length of the {@code .apk}
 * @param installedSize {@code I:} the {@code .PKGINFO} size
 * @param description {@code T:} (always written, may be empty)
 * @param url {@code U:} (always written, may be empty)
 * @param license {@code L:} (always written, may be empty)
 * @param origin {@code o:}
 * @param maintainer {@code m:}
 * @param buildTime {@code t:} Unix seconds
 * @param commit {@code c:}
 * @param providerPriority {@code k:}
 * @param depends {@code D:} dependency atoms
 * @param provides {@code p:} provided names
 * @param installIf {@code i:} atoms
 * @param extra lines with letters pkgbuild does not model, kept verbatim and written last
 */
public record IndexEntry(String checksum, String name, String version, String arch, long fileSize,
    long installedSize, String description, String url, String license, String origin, String maintainer,
    Long buildTime, String commit, Integer providerPriority, List<String> depends, List<String> provides,
    List<String> installIf, List<String> extra) {

  /** Copies lists and turns null T/U/L into empty strings, as apk-tools writes them. */
  public IndexEntry {
    description = description == null ? "" : description;
    url = url == null ? "" : url;
    license = license == null ? "" : license;
    depends = List.copyOf(depends);
    provides = List.copyOf(provides);
    installIf = List.copyOf(installIf);
    extra = List.copyOf(extra);
  }

  /** The record for a package whose {@code .PKGINFO} is {@code p}, identity {@code checksum}, file length {@code fileSize}. */
  public static IndexEntry of(PkgInfo p, String checksum, long fileSize) {
    return new IndexEntry(checksum, p.pkgname(), p.pkgver(), p.arch(), fileSize, p.size(), p.pkgdesc(), p.url(),
        String.join(" AND ", p.license()), p.origin(), p.maintainer(), p.builddate(), p.commit(),
        p.providerPriority(), p.depend(), p.provides(), p.installIf(), List.of());
  }

  /** The same with the control member's SHA-1 given as bytes. */
  public static IndexEntry of(PkgInfo p, byte[] controlSha1, long fileSize) {
    return of(p, ApkIdentity.fromSha1(controlSha1), fileSize);
  }

  /** The file name the repository must store it under: {@code <P>-<V>.apk}. */
  public String fileName() {
    return name + "-" + version + ".apk";
  }

  /** The block in apk-tools' letter order {@code C P V A S I T U L o m t c k D p i}, each line ending in LF. */
  public String render() {
    return appendTo(new StringBuilder()).toString();
  }

  /** Appends {@link #render}'s text to {@code b}; a whole index is rendered into one builder. */
  public StringBuilder appendTo(StringBuilder b) {
    line(b, 'C', checksum);
    line(b, 'P', name);
    line(b, 'V', version);
    line(b, 'A', arch);
    line(b, 'S', fileSize);
    line(b, 'I', installedSize);
    line(b, 'T', description);
    line(b, 'U', url);
    line(b, 'L', license);
    line(b, 'o', origin);
    line(b, 'm', maintainer);
    line(b, 't', buildTime);
    line(b, 'c', commit);
    line(b, 'k', providerPriority);
    line(b, 'D', depends.isEmpty() ? null : String.join(" ", depends));
    line(b, 'p', provides.isEmpty() ? null : String.join(" ", provides));
    line(b, 'i', installIf.isEmpty() ? null : String.join(" ", installIf));
    extra.forEach(l -> b.append(l).append('\n'));
    return b;
  }

  private static void line(StringBuilder b, char letter, Object value) {
    if (value != null) {
      b.append(letter).append(':').append(value).append('\n');
    }
  }
}
