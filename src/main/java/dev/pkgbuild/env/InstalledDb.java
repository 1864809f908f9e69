package dev.pkgbuild.env;

import dev.pkgbuild.apk.ApkVersion;
import dev.pkgbuild.apk.IndexEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The three files of apk-tools' database that depend on the packages: {@code installed} (one
 * record per package, sorted by name as apk displays them, then version), {@code scripts.tar}
 * and {@code triggers} (both in install order). The bytes depend only on the packages and
 * their order, never on the disk or the clock.
 */
final class InstalledDb {
  private final List<InstalledPackage> packages;
  private final long epoch;

  InstalledDb(List<InstalledPackage> packages, long epoch) {
    this.packages = List.copyOf(packages);
    this.epoch = epoch;
  }

  /** apk's display order: names compared ignoring ASCII case, then exactly, then by version. */
  static final Comparator<InstalledPackage> ORDER = Comparator
      .comparing((InstalledPackage p) -> p.pkg.entry().name(), InstalledDb::compareNames)
      .thenComparing(p -> p.pkg.entry().version(), ApkVersion::compare);

  static int compareNames(String a, String b) {
    int c = asciiLower(a).compareTo(asciiLower(b));
    return c != 0 ? c : a.compareTo(b);
  }

  private static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.chars().forEach(c -> b.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
    return b.toString();
  }

  String installed() {
    List<InstalledPackage> sorted = new ArrayList<>(packages);
    sorted.sort(ORDER);
    StringBuilder b = new StringBuilder();
    for (InstalledPackage p : sorted) {
      record(b, p);
      b.append('\n');
    }
    return b.toString();
  }

  private static void record(StringBuilder b, InstalledPackage p) {
    b.append(header(p.pkg.entry()));
    if (!p.info.replaces().isEmpty()) {
      line(b, 'r', String.join(" ", p.info.replaces().stream().map(InstalledDb::atom).toList()));
    }
    Integer q = p.info.replacesPriority();
    if (q != null && q != 0) {
      line(b, 'q', q);
    }
    if (p.pkg.tag() != null) {
      line(b, 's', p.pkg.tag());
    }
    if (p.brokenXattrs) {
      line(b, 'f', "x");
    }
    for (Map.Entry<String, InstalledPackage.Dir> d : p.dirs.entrySet()) {
      line(b, 'F', d.getKey());
      if (!d.getValue().acl.equals(Acl.DEFAULT_DIR)) {
        line(b, 'M', d.getValue().acl.render());
      }
      for (Map.Entry<String, InstalledPackage.FileRecord> f : d.getValue().files.entrySet()) {
        line(b, 'R', f.getKey());
        if (!f.getValue().acl().equals(Acl.DEFAULT_FILE)) {
          line(b, 'a', f.getValue().acl().render());
        }
        if (f.getValue().checksum() != null) {
          line(b, 'Z', f.getValue().checksum());
        }
      }
    }
  }

  /** The index part of a record, with dependency atoms written as apk writes them back. */
  private static String header(IndexEntry e) {
    IndexEntry shown = new IndexEntry(e.checksum(), e.name(), e.version(), e.arch(), e.fileSize(),
        e.installedSize(), e.description(), e.url(), e.license(), e.origin(), e.maintainer(),
        e.buildTime() == null || e.buildTime() == 0 ? null : e.buildTime(), e.commit(),
        e.providerPriority() == null || e.providerPriority() == 0 ? null : e.providerPriority(),
        e.depends().stream().map(InstalledDb::atom).toList(), e.provides().stream().map(InstalledDb::atom).toList(),
        e.installIf().stream().map(InstalledDb::atom).toList(), List.of());
    return shown.render();
  }

  /** apk stores {@code =~} and {@code ~=} as one fuzzy operator and writes it {@code ~}. */
  private static String atom(String a) {
    return a.replace("=~", "~").replace("~=", "~");
  }

  private static void line(StringBuilder b, char letter, Object value) {
    b.append(letter).append(':').append(value).append('\n');
  }

  /** One tar entry per stored script, {@code <name>-<ver>.<C:>.<action>}, mode 0755, mtime the build date. */
  byte[] scriptsTar() {
    ScriptsTar tar = new ScriptsTar();
    for (InstalledPackage p : packages) {
      IndexEntry e = p.pkg.entry();
      long mtime = e.buildTime() == null || e.buildTime() == 0 ? epoch : e.buildTime();
      for (Map.Entry<String, byte[]> s : p.scripts.entrySet()) {
        tar.add(e.name() + "-" + e.version() + "." + e.checksum() + "." + s.getKey(), mtime, s.getValue());
      }
    }
    return tar.finish();
  }

  /** {@code C: glob glob...} for each package with triggers, in install order. */
  String triggers() {
    StringBuilder b = new StringBuilder();
    for (InstalledPackage p : packages) {
      List<String> globs = p.info.triggers().stream()
          .flatMap(t -> List.of(t.trim().split("\\s+")).stream()).filter(t -> !t.isEmpty()).toList();
      if (!globs.isEmpty()) {
        b.append(p.pkg.entry().checksum());
        globs.forEach(g -> b.append(' ').append(g));
        b.append('\n');
      }
    }
    return b.toString();
  }

  /** Directory and file counts over the database, as {@code apk -v} reports them. */
  int[] counts() {
    int dirs = 0;
    int files = 0;
    for (InstalledPackage p : packages) {
      dirs += p.dirs.size();
      for (InstalledPackage.Dir d : p.dirs.values()) {
        files += d.files.size();
      }
    }
    return new int[] {dirs, files};
  }

  static byte[] utf8(String s) {
    return Objects.requireNonNull(s).getBytes(StandardCharsets.UTF_8);
  }
}
