package dev.pkgbuild.testing;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.source.SafeExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;

/**
 * One Debian binary package: its control fields, read from the {@code control.tar.*} member
 * of the ar archive, and its files, unpacked from {@code data.tar.*} through the project's
 * {@link SafeExtractor} (so Debian's {@code ./usr/...} names take the same checks as any
 * untrusted archive). Maintainer scripts are never looked at.
 *
 * @param file the .deb
 * @param fields control fields in file order; continuation lines joined with newlines
 */
public record DebPackage(Path file, Map<String, String> fields) {
  public DebPackage {
    fields = Map.copyOf(fields);
  }

  public String name() {
    return fields.get("Package");
  }

  public String version() {
    return fields.get("Version");
  }

  public String field(String key) {
    return fields.getOrDefault(key, "");
  }

  /** Reads the control fields, unpacking the control member into {@code scratch}. */
  public static DebPackage read(Path deb, Path scratch) throws IOException, PkgbuildException {
    Path dir = Files.createTempDirectory(scratch, "control-");
    Path tar = member(deb, "control.tar", dir);
    SafeExtractor.extract(tar, dir.resolve("tree"), 0, 64L << 20);
    DebPackage p = new DebPackage(deb, parseControl(Files.readString(dir.resolve("tree/control"), StandardCharsets.UTF_8)));
    if (p.name() == null || p.version() == null) {
      throw PkgbuildException.badInput(deb + ": control has no Package or Version");
    }
    return p;
  }

  /** Unpacks the files into {@code tree}, using {@code scratch} for the data member. */
  public void unpack(Path tree, Path scratch) throws IOException, PkgbuildException {
    Path dir = Files.createTempDirectory(scratch, "data-");
    Path tar = member(file, "data.tar", dir);
    SafeExtractor.extract(tar, tree, 0, SafeExtractor.DEFAULT_MAX_BYTES);
    Files.delete(tar);
    Files.delete(dir);
  }

  /** Copies the first ar member whose name starts with {@code prefix} to a file in {@code dir}. */
  private static Path member(Path deb, String prefix, Path dir) throws IOException, PkgbuildException {
    try (InputStream in = Files.newInputStream(deb); ArArchiveInputStream ar = new ArArchiveInputStream(in)) {
      for (ArArchiveEntry e; (e = ar.getNextEntry()) != null; ) {
        if (e.getName().startsWith(prefix)) {
          Path out = dir.resolve(e.getName().replace('/', '_'));
          Files.copy(ar, out);
          return out;
        }
      }
    }
    throw PkgbuildException.badInput(deb + ": no " + prefix + ".* member");
  }

  /** RFC 822-style stanza: "Key: value", continuation lines start with a blank. */
  static Map<String, String> parseControl(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String key = null;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && key != null) {
        out.put(key, out.get(key) + "\n" + line.strip());
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          key = line.substring(0, colon);
          out.put(key, line.substring(colon + 1).strip());
        }
      }
    }
    return out;
  }

  /**
   * A dependency field ({@code Depends}, {@code Pre-Depends}, {@code Provides}) as groups of
   * alternative package names, versions and {@code :any} qualifiers dropped.
   */
  public List<List<String>> relations(String key) {
    List<List<String>> groups = new ArrayList<>();
    for (String group : field(key).split(",")) {
      List<String> names = new ArrayList<>();
      for (String alt : group.split("\\|")) {
        String name = alt.strip().split("[\\s(\\[<]", 2)[0];
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
      if (!names.isEmpty()) {
        groups.add(names);
      }
    }
    return groups;
  }
}
