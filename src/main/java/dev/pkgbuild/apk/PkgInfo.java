package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .PKGINFO} of a package: every key apk-tools and Wolfi use. Optional scalar
 * fields are null when absent, lists are empty. Dependency lists hold atoms as written
 * (see {@link Dependency}).
 *
 * @param pkgname package name ({@code P:})
 * @param pkgver full version with {@code -rN} ({@code V:})
 * @param pkgdesc one-line description ({@code T:})
 * @param url home page ({@code U:})
 * @param builddate Unix seconds ({@code t:})
 * @param packager ignored by apk
 * @param size installed size in bytes ({@code I:}); never 0 when there are files
 * @param arch architecture ({@code A:})
 * @param origin source package name ({@code o:})
 * @param commit recipe VCS commit ({@code c:})
 * @param maintainer free text ({@code m:})
 * @param replacesPriority install-time priority for {@code replaces}
 * @param providerPriority preference among providers ({@code k:})
 * @param license license expressions, written as one {@code license} line joined with " AND "
 * @param replaces packages whose files this one may overwrite
 * @param depend run-time dependency atoms ({@code D:})
 * @param provides provided names, optionally {@code =version} ({@code p:})
 * @param triggers directory globs for the {@code .trigger} script
 * @param installIf auto-install condition atoms ({@code i:})
 * @param datahash SHA-256 hex of the data member, written last
 */
public record PkgInfo(String pkgname, String pkgver, String pkgdesc, String url, Long builddate,
    String packager, long size, String arch, String origin, String commit, String maintainer,
    Integer replacesPriority, Integer providerPriority, List<String> license, List<String> replaces,
    List<String> depend, List<String> provides, List<String> triggers, List<String> installIf,
    String datahash) {

  /** Copies the lists so the record stays immutable. */
  public PkgInfo {
    license = List.copyOf(license);
    replaces = List.copyOf(replaces);
    depend = List.copyOf(depend);
    provides = List.copyOf(provides);
    triggers = List.copyOf(triggers);
    installIf = List.copyOf(installIf);
  }

  /** A builder for a package named {@code pkgname} at version {@code pkgver}. */
  public static PkgInfoBuilder builder(String pkgname, String pkgver) {
    return new PkgInfoBuilder().pkgname(pkgname).pkgver(pkgver);
  }

  /** A builder starting from this record's values. */
  public PkgInfoBuilder toBuilder() {
    return PkgInfoBuilder.from(this);
  }

  /** This record with another installed size. */
  public PkgInfo withSize(long newSize) {
    return toBuilder().size(newSize).build();
  }

  /** This record with another datahash. */
  public PkgInfo withDatahash(String hash) {
    return toBuilder().datahash(hash).build();
  }

  /** Parses {@code .PKGINFO} text. @throws PkgbuildException on a malformed number or dependency */
  public static PkgInfo parse(String text) throws PkgbuildException {
    return PkgInfoParser.parse(text);
  }

  /** Checks what the writer must guarantee. @throws PkgbuildException naming the first problem */
  public void validate() throws PkgbuildException {
    if (pkgname == null || pkgname.isEmpty()) {
      throw PkgbuildException.badInput("missing pkgname");
    }
    if (pkgver == null) {
      throw PkgbuildException.badInput(pkgname + ": missing pkgver");
    }
    ApkVersion.parse(pkgver);
    for (List<String> atoms : List.of(depend, provides, installIf)) {
      for (String atom : atoms) {
        Dependency.parse(atom);
      }
    }
  }

  /** The text of {@code .PKGINFO} in abuild's key order, {@code datahash} last, LF line ends. */
  public String render() {
    List<String> lines = new ArrayList<>();
    add(lines, "pkgname", pkgname);
    add(lines, "pkgver", pkgver);
    add(lines, "pkgdesc", pkgdesc);
    add(lines, "url", url);
    add(lines, "builddate", builddate);
    add(lines, "packager", packager);
    add(lines, "size", size);
    add(lines, "arch", arch);
    add(lines, "origin", origin);
    add(lines, "commit", commit);
    add(lines, "maintainer", maintainer);
    add(lines, "replaces_priority", replacesPriority);
    add(lines, "provider_priority", providerPriority);
    add(lines, "license", license.isEmpty() ? null : String.join(" AND ", license));
    replaces.forEach(v -> add(lines, "replaces", v));
    depend.forEach(v -> add(lines, "depend", v));
    provides.forEach(v -> add(lines, "provides", v));
    triggers.forEach(v -> add(lines, "triggers", v));
    installIf.forEach(v -> add(lines, "install_if", v));
    add(lines, "datahash", datahash);
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }

  /** {@link #render()} as UTF-8 bytes. */
  public byte[] renderBytes() {
    return render().getBytes(StandardCharsets.UTF_8);
  }

  private static void add(List<String> lines, String key, Object value) {
    if (value != null) {
      lines.add(key + " = " + value);
    }
  }
}
