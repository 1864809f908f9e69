package dev.pkgbuild.apk;

import dev.pkgbuild.archive.TarEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats data entries like {@code ls -l} / {@code tar tv}. */
public final class ApkListing {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private ApkListing() {}

  /** One line: mode string, owner, size, UTC time, name, and link target. */
  public static String line(TarEntry e) {
    String link = switch (e.type()) {
      case SYMLINK -> " -> " + e.linkTarget();
      case HARDLINK -> " link to " + e.linkTarget();
      default -> "";
    };
    String owner = (e.uname().isEmpty() ? String.valueOf(e.uid()) : e.uname()) + "/"
        + (e.gname().isEmpty() ? String.valueOf(e.gid()) : e.gname());
    return String.format("%s %-11s %9d %s %s%s", modeString(e), owner, e.size(),
        TIME.format(Instant.ofEpochSecond(e.mtime())), e.name(), link);
  }

  /** {@code drwxr-xr-x}, with s/S and t/T for setuid, setgid and sticky. */
  public static String modeString(TarEntry e) {
    char type = switch (e.type()) {
      case DIRECTORY -> 'd';
      case SYMLINK -> 'l';
      case HARDLINK -> 'h';
      default -> '-';
    };
    int m = e.mode();
    StringBuilder b = new StringBuilder().append(type);
    for (int shift = 6; shift >= 0; shift -= 3) {
      b.append((m >> shift & 4) != 0 ? 'r' : '-').append((m >> shift & 2) != 0 ? 'w' : '-');
      boolean x = (m >> shift & 1) != 0;
      int special = shift == 6 ? 04000 : shift == 3 ? 02000 : 01000;
      char on = shift == 0 ? 't' : 's';
      b.append((m & special) != 0 ? (x ? on : Character.toUpperCase(on)) : (x ? 'x' : '-'));
    }
    return b.toString();
  }
}
