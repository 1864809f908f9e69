package dev.pkgbuild.apk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Mutable builder for {@link PkgInfo}; lists accumulate. */
public final class PkgInfoBuilder {
  private String pkgname;
  private String pkgver;
  private String pkgdesc;
  private String url;
  private Long builddate;
  private String packager;
  private long size;
  private String arch;
  private String origin;
  private String commit;
  private String maintainer;
  private Integer replacesPriority;
  private Integer providerPriority;
  private final List<String> license = new ArrayList<>();
  private final List<String> replaces = new ArrayList<>();
  private final List<String> depend = new ArrayList<>();
  private final List<String> provides = new ArrayList<>();
  private final List<String> triggers = new ArrayList<>();
  private final List<String> installIf = new ArrayList<>();
  private String datahash;

  static PkgInfoBuilder from(PkgInfo p) {
    PkgInfoBuilder b = new PkgInfoBuilder().pkgname(p.pkgname()).pkgver(p.pkgver()).pkgdesc(p.pkgdesc())
        .url(p.url()).builddate(p.builddate()).packager(p.packager()).size(p.size()).arch(p.arch())
        .origin(p.origin()).commit(p.commit()).maintainer(p.maintainer()).replacesPriority(p.replacesPriority())
        .providerPriority(p.providerPriority()).datahash(p.datahash());
    b.license.addAll(p.license());
    b.replaces.addAll(p.replaces());
    b.depend.addAll(p.depend());
    b.provides.addAll(p.provides());
    b.triggers.addAll(p.triggers());
    b.installIf.addAll(p.installIf());
    return b;
  }

  /** Sets {@code pkgname}. */
  public PkgInfoBuilder pkgname(String v) { pkgname = v; return this; }

  /** Sets {@code pkgver}. */
  public PkgInfoBuilder pkgver(String v) { pkgver = v; return this; }

  /** Sets {@code pkgdesc}. */
  public PkgInfoBuilder pkgdesc(String v) { pkgdesc = v; return this; }

  /** Sets {@code url}. */
  public PkgInfoBuilder url(String v) { url = v; return this; }

  /** Sets {@code builddate} (Unix seconds). */
  public PkgInfoBuilder builddate(Long v) { builddate = v; return this; }

  /** Sets {@code packager}. */
  public PkgInfoBuilder packager(String v) { packager = v; return this; }

  /** Sets {@code size}. */
  public PkgInfoBuilder size(long v) { size = v; return this; }

  /** Sets {@code arch}. */
  public PkgInfoBuilder arch(String v) { arch = v; return this; }

  /** Sets {@code origin}. */
  public PkgInfoBuilder origin(String v) { origin = v; return this; }

  /** Sets {@code commit}. */
  public PkgInfoBuilder commit(String v) { commit = v; return this; }

  /** Sets {@code maintainer}. */
  public PkgInfoBuilder maintainer(String v) { maintainer = v; return this; }

  /** Sets {@code replaces_priority}. */
  public PkgInfoBuilder replacesPriority(Integer v) { replacesPriority = v; return this; }

  /** Sets {@code provider_priority}. */
  public PkgInfoBuilder providerPriority(Integer v) { providerPriority = v; return this; }

  /** Sets {@code datahash}. */
  public PkgInfoBuilder datahash(String v) { datahash = v; return this; }

  /** Adds license expressions. */
  public PkgInfoBuilder addLicense(String... v) { license.addAll(Arrays.asList(v)); return this; }

  /** Adds {@code replaces} names. */
  public PkgInfoBuilder addReplaces(String... v) { replaces.addAll(Arrays.asList(v)); return this; }

  /** Adds {@code depend} atoms. */
  public PkgInfoBuilder addDepend(String... v) { depend.addAll(Arrays.asList(v)); return this; }

  /** Adds {@code provides} atoms. */
  public PkgInfoBuilder addProvides(String... v) { provides.addAll(Arrays.asList(v)); return this; }

  /** Adds {@code triggers} globs. */
  public PkgInfoBuilder addTriggers(String... v) { triggers.addAll(Arrays.asList(v)); return this; }

  /** Adds {@code install_if} atoms. */
  public PkgInfoBuilder addInstallIf(String... v) { installIf.addAll(Arrays.asList(v)); return this; }

  /** The record. */
  public PkgInfo build() {
    return new PkgInfo(pkgname, pkgver, pkgdesc, url, builddate, packager, size, arch, origin, commit,
        maintainer, replacesPriority, providerPriority, license, replaces, depend, provides, triggers,
        installIf, datahash);
  }
}
