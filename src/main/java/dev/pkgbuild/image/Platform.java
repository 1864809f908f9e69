package dev.pkgbuild.image;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OCI platform: Go's architecture names ({@code amd64}, {@code arm64}), {@code os} always
 * {@code linux}, and a {@code variant} only for 32-bit arm, as the image-spec's examples and
 * apko's configs have it (arm64 goes without {@code v8}, which the spec leaves optional).
 *
 * @param architecture the OCI architecture
 * @param os the operating system
 * @param variant the CPU variant, or null
 */
public record Platform(String architecture, String os, String variant) {
  /**
   * The platform of an apk architecture; the OCI spellings ({@code amd64}…) are accepted too,
   * as apko's {@code archs} does.
   *
   * @throws PkgbuildException for an architecture without an OCI name
   */
  public static Platform ofApkArch(String arch) throws PkgbuildException {
    return switch (arch) {
      case "x86_64", "amd64" -> linux("amd64", null);
      case "aarch64", "arm64" -> linux("arm64", null);
      case "armv7", "arm/v7" -> linux("arm", "v7");
      case "armhf", "arm/v6" -> linux("arm", "v6");
      case "x86", "386" -> linux("386", null);
      case "ppc64le" -> linux("ppc64le", null);
      case "s390x" -> linux("s390x", null);
      case "riscv64" -> linux("riscv64", null);
      case "loongarch64", "loong64" -> linux("loong64", null);
      default -> throw PkgbuildException.badInput("architecture '" + arch + "' has no OCI platform name");
    };
  }

  private static Platform linux(String architecture, String variant) {
    return new Platform(architecture, "linux", variant);
  }

  /** The descriptor's {@code platform} object. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("architecture", architecture);
    m.put("os", os);
    if (variant != null) {
      m.put("variant", variant);
    }
    return m;
  }
}
