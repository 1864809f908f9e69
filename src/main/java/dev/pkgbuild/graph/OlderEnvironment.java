package dev.pkgbuild.graph;

import dev.pkgbuild.apk.ApkVersion;
import dev.pkgbuild.repo.EnvironmentRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a present package was built against an older environment than the repositories now
 * hold. Only a note: a newer toolchain alone does not make a recipe changed.
 */
final class OlderEnvironment {
  private static final Pattern NAME_VERSION = Pattern.compile("(.+)-([^-]+-r\\d+)");

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
      Matcher m = NAME_VERSION.matcher(p);
      if (!m.matches()) {
        continue;
      }
      held.find(m.group(1)).ifPresent(h -> {
        Matcher now = NAME_VERSION.matcher(h.nameVersion());
        if (now.matches() && now.group(1).equals(m.group(1)) && ApkVersion.compare(now.group(2), m.group(2)) > 0) {
          newer.add(p + " (now " + h + ")");
        }
      });
    }
    return newer.isEmpty() ? "" : "; built against an older environment: " + String.join(", ", newer);
  }
}
