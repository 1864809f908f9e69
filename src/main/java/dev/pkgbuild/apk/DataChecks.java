package dev.pkgbuild.apk;

import dev.pkgbuild.archive.Digests;
import dev.pkgbuild.archive.TarEntry;
import dev.pkgbuild.archive.TarReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks data entries against what apk-tools needs, collecting one line per problem. */
final class DataChecks {
  private final List<String> problems;
  private final long declaredSize;
  private final List<TarEntry> entries = new ArrayList<>();
  private long content;
  private final Set<String> dirs = new HashSet<>();
  private final Set<String> files = new HashSet<>();

  /** Checks collecting into {@code problems}; {@code declaredSize} is the {@code .PKGINFO} size. */
  DataChecks(List<String> problems, long declaredSize) {
    this.problems = problems;
    this.declaredSize = declaredSize;
  }

  List<TarEntry> entries() {
    return entries;
  }

  void readAll(TarReader r) throws IOException {
    for (TarReader.Item i; (i = r.next()) != null; ) {
      problems.addAll(i.issues());
      TarEntry e = i.entry();
      tally(e);
      String actual = e.type() == TarEntry.Type.FILE ? Digests.hex(Digests.sha1(r.content())) : null;
      check(e, i.pax().containsKey("APK-TOOLS.checksum.MD5"), actual);
      entries.add(e);
    }
    try {
      r.countTrailingZeroBlocks();
    } catch (java.io.EOFException e) {
      throw e;
    } catch (IOException e) {
      problems.add("data tar: " + e.getMessage());
    }
  }

  /**
   * Refuses, from the tar headers alone, file content far beyond the declared size: a lying
   * {@code .PKGINFO} must not make the reader inflate what it does not announce.
   */
  private void tally(TarEntry e) throws IOException {
    if (e.type() == TarEntry.Type.FILE) {
      content += e.size();
      if (content > declaredSize + ApkReader.SIZE_SLACK) {
        throw new IOException("the data holds more than the " + declaredSize + " bytes .PKGINFO declares (by more than "
            + (ApkReader.SIZE_SLACK >> 20) + " MiB, at " + e.name() + "); refused before inflating it");
      }
    }
  }

  private void check(TarEntry e, boolean hasMd5, String actualSha1) {
    String name = e.name().endsWith("/") ? e.name().substring(0, e.name().length() - 1) : e.name();
    if (!path(name)) {
      return;
    }
    String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
    if (!parent.isEmpty() && !dirs.contains(parent)) {
      problems.add(name + ": no directory entry for '" + parent + "' before it (apk: no dirent in archive)");
    }
    switch (e.type()) {
      case DIRECTORY -> dirs.add(name);
      case FILE -> {
        files.add(e.name());
        checksum(e, hasMd5, actualSha1);
      }
      case SYMLINK -> checksum(e, hasMd5,
          Digests.hex(Digests.sha1(e.linkTarget().getBytes(StandardCharsets.UTF_8))));
      case HARDLINK -> {
        if (!files.contains(e.linkTarget())) {
          problems.add(name + ": hard link to '" + e.linkTarget() + "', which is not an earlier regular file");
        }
      }
      default -> { }
    }
  }

  private boolean path(String name) {
    if (name.startsWith("./")) {
      problems.add(name + ": entry name starts with './' (apk silently skips it)");
      return false;
    }
    if (name.startsWith("/") || List.of(name.split("/")).contains("..")) {
      problems.add(name + ": absolute path or '..' component (apk: ignoring malicious file)");
      return false;
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      problems.add(name.replaceAll("\\p{Cntrl}", "?") + ": control character in name (apk: malicious file)");
      return false;
    }
    if (name.startsWith(".") && !name.contains("/")) {
      problems.add(name + ": top-level name starting with '.' (apk skips it in the data part)");
    }
    return true;
  }

  private void checksum(TarEntry e, boolean hasMd5, String actual) {
    if (e.sha1() == null) {
      if (!hasMd5) {
        problems.add(e.name() + ": no APK-TOOLS.checksum.SHA1 record (apk flags the package as broken)");
      }
      return;
    }
    if (!e.sha1().equalsIgnoreCase(actual)) {
      problems.add(e.name() + ": checksum record " + e.sha1() + " does not match the content (" + actual + ")");
    }
  }
}
