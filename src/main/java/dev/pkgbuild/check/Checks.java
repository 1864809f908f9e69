package dev.pkgbuild.check;

import java.util.List;
import java.util.Set;

/** The catalog of per-entry linters with melange's names and default severities. */
final class Checks {
  private static final Set<String> LIB_DIRS = Set.of("lib", "usr/lib", "lib64", "usr/lib64");
  private static final List<String> MERGED = List.of("bin", "sbin", "usr/sbin", "lib", "lib64");
  private static final List<String> TEMP = List.of("tmp", "var/tmp", "run", "var/run");
  private static final List<String> DOCS = List.of("usr/share/doc", "usr/share/man", "usr/share/info",
      "usr/share/gtk-doc");

  private Checks() {}

  static final List<Check> ALL = List.of(
      new Check("dev", Severity.ERROR, (e, c) -> e.under("dev") ? "package writes to /dev" : null),
      new Check("setuidgid", Severity.ERROR, (e, c) -> !e.symlink() && (e.mode() & (Entry.SETUID | Entry.SETGID)) != 0
          ? "setuid or setgid bit is set" : null),
      new Check("tempdir", Severity.ERROR, (e, c) -> !e.dir() && TEMP.stream().anyMatch(e::under)
          ? "file in a temporary directory" : null),
      new Check("varempty", Severity.ERROR, (e, c) -> e.under("var/empty") ? "var/empty must stay empty" : null),
      new Check("worldwrite", Severity.ERROR, Checks::worldWritable),
      new Check("infodir", Severity.ERROR, (e, c) -> e.path().equals("usr/share/info/dir")
          ? "usr/share/info/dir is generated at install time" : null),
      new Check("usrmerge", Severity.ERROR, (e, c) -> !e.dir() && MERGED.stream().anyMatch(e::under)
          ? "file outside the merged /usr; move it to usr/bin or usr/lib" : null),
      new Check("opt", Severity.WARNING, (e, c) -> e.under("opt") ? "file in /opt" : null),
      new Check("srv", Severity.WARNING, (e, c) -> e.under("srv") ? "file in /srv" : null),
      new Check("usrlocal", Severity.WARNING, (e, c) -> e.under("usr/local") ? "file in /usr/local" : null),
      new Check("home", Severity.WARNING, (e, c) -> e.under("home") ? "file in /home" : null),
      new Check("object", Severity.WARNING, (e, c) -> !e.dir() && e.name().endsWith(".o")
          ? "intermediate object file" : null),
      new Check("binaryarch", Severity.WARNING, (e, c) -> c.wrongArch(e)),
      new Check("staticarchive", Severity.WARNING, (e, c) -> !e.dir() && e.name().endsWith(".a")
          && !c.packageEndsWith("-dev", "-static") ? "static archive in a package that is not -dev or -static" : null),
      new Check("devfiles", Severity.WARNING, Checks::devFile),
      new Check("documentation", Severity.OFF, (e, c) -> !e.dir() && DOCS.stream().anyMatch(e::under)
          && !c.packageEndsWith("-doc") ? "documentation in a package that is not -doc" : null),
      new Check("libtool/la-files", Severity.WARNING, (e, c) -> !e.dir() && e.name().endsWith(".la")
          ? "libtool archive" : null),
      new Check("python/pycache", Severity.WARNING, (e, c) -> e.name().equals("__pycache__")
          || (!e.dir() && e.name().endsWith(".pyc")) ? "python bytecode cache" : null),
      new Check("danglingsymlink", Severity.WARNING, (e, c) -> e.symlink() && c.dangling(e)
          ? "symlink target is in no package of this build" : null));

  private static String worldWritable(Entry e, LintContext c) {
    if (e.symlink() || (e.mode() & 02) == 0) {
      return null;
    }
    // a world-writable directory is fine when sticky, as /tmp is
    return e.dir() && (e.mode() & Entry.STICKY) != 0 ? null : "world-writable";
  }

  /** Headers, pkg-config files and unversioned .so links belong in a -dev package. */
  private static String devFile(Entry e, LintContext c) {
    if (e.dir() || c.packageEndsWith("-dev")) {
      return null;
    }
    if (e.under("usr/include")) {
      return "header in a package that is not -dev";
    }
    if (e.name().endsWith(".pc") && e.parent().endsWith("/pkgconfig")) {
      return "pkg-config file in a package that is not -dev";
    }
    if (e.symlink() && e.name().endsWith(".so") && LIB_DIRS.contains(e.parent())) {
      return "unversioned .so link in a package that is not -dev";
    }
    return null;
  }
}
