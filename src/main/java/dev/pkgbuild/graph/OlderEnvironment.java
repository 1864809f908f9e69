package dev.pkgbuild.graph;

import dev.pkgbuild.apk.ApkVersion;
import dev.pkgbuild.apk.NameVersion;
import dev.pkgbuild.repo.EnvironmentRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a present package was built against an older environment than the repositories now
 * hold. Only a note: a newer toolchain alone does not make a recipe changed.
 */
final class OlderEnvironment {
  private OlderEnvironment() {}

  /** {@code "; built against an older environment: gcc-12-r0 (now gcc-13-r0 in R)"}, or empty. */
  static String note(Path archDir, String nameVersion, Holdings held) {
    Optional<EnvironmentRecord.Recorded> rec;
    try {
      rec = EnvironmentRecord.read(archDir, nameVersion);
    } catch (IOException e) {
      return "";
    }
    if (rec.isEmpty()) {
      return "";
    }
    List<String> newer = new ArrayList<>();
    for (String p : rec.get().packages()) {
      NameVersion built = NameVersion.parse(p).orElse(null);
      if (built == null) {
        continue;
      }
      held.find(built.name()).ifPresent(h -> NameVersion.parse(h.nameVersion())
          .filter(now -> now.name().equals(built.name()) && ApkVersion.compare(now.version(), built.version()) > 0)
          .ifPresent(now -> newer.add(p + " (now " + h + ")")));
    }
    return newer.isEmpty() ? "" : "; built against an older environment: " + String.join(", ", newer);
  }
}
