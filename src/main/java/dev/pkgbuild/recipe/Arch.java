package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.Locale;

/** The target architectures pkgbuild builds for, with their names in other ecosystems. */
public enum Arch {
  X86_64("x86_64", "amd64", "x86_64-pc-linux-gnu", "x86_64-unknown-linux-gnu"),
  AARCH64("aarch64", "arm64", "aarch64-unknown-linux-gnu", "aarch64-unknown-linux-gnu");

  private final String apk;
  private final String go;
  private final String gnuTriplet;
  private final String rustTriplet;

  Arch(String apk, String go, String gnuTriplet, String rustTriplet) {
    this.apk = apk;
    this.go = go;
    this.gnuTriplet = gnuTriplet;
    this.rustTriplet = rustTriplet;
  }

  /**
   * The arch named {@code name}: the apk name or its Go alias, case-insensitive.
   *
   * @throws PkgbuildException for any other name
   */
  public static Arch parse(String name) throws PkgbuildException {
    Arch a = find(name);
    if (a == null) {
      throw PkgbuildException.badInput("unknown architecture '" + name + "' (use x86_64, aarch64, amd64 or arm64)");
    }
    return a;
  }

  /** The arch named {@code name}, or null. */
  public static Arch find(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (Arch a : values()) {
      if (a.apk.equals(n) || a.go.equals(n)) {
        return a;
      }
    }
    return null;
  }

  /** The apk name ({@code build.arch}). */
  public String apkName() {
    return apk;
  }

  /** The Go name ({@code build.goarch}). */
  public String goName() {
    return go;
  }

  /** The GNU triplet with {@code libc} as its last part: gnu or musl ({@code cross.triplet.gnu.*}). */
  public String gnuTriplet(String libc) {
    return gnuTriplet.substring(0, gnuTriplet.lastIndexOf('-') + 1) + libc;
  }

  /** The GNU host triplet ({@code host.triplet.gnu}). */
  public String gnuTriplet() {
    return gnuTriplet;
  }

  /** The Rust triplet with {@code libc} as its last part ({@code cross.triplet.rust.*}). */
  public String rustTriplet(String libc) {
    return rustTriplet.substring(0, rustTriplet.lastIndexOf('-') + 1) + libc;
  }

  /** The Rust host triplet ({@code host.triplet.rust}). */
  public String rustTriplet() {
    return rustTriplet;
  }

  @Override
  public String toString() {
    return apk;
  }
}
