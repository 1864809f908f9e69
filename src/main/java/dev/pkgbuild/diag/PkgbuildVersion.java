package dev.pkgbuild.diag;

/** The running pkgbuild version, read from the jar manifest (set in one place: the pom). */
public final class PkgbuildVersion {
  private PkgbuildVersion() {}

  /** The version, or "dev" when running from classes rather than the jar. */
  public static String get() {
    String v = PkgbuildVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
