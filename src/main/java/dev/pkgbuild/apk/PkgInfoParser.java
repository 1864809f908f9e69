package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;

/** Reads {@code .PKGINFO} the way apk does: line by line, last single value wins, lists add up. */
final class PkgInfoParser {
  private static final String SEP = " = ";

  private PkgInfoParser() {}

  static PkgInfo parse(String text) throws PkgbuildException {
    PkgInfoBuilder b = new PkgInfoBuilder();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      int sep = line.indexOf(SEP);
      if (line.startsWith("#") || sep < 0) {
        continue;
      }
      String key = line.substring(0, sep);
      String value = line.substring(sep + SEP.length());
      apply(b, key, value, lineNo);
    }
    return b.build();
  }

  private static void apply(PkgInfoBuilder b, String key, String value, int lineNo) throws PkgbuildException {
    switch (key) {
      case "pkgname" -> b.pkgname(value);
      case "pkgver" -> b.pkgver(value);
      case "pkgdesc" -> b.pkgdesc(value);
      case "url" -> b.url(value);
      case "builddate" -> b.builddate(number(key, value, lineNo));
      case "packager" -> b.packager(value);
      case "size" -> b.size(number(key, value, lineNo));
      case "arch" -> b.arch(value);
      case "origin" -> b.origin(value);
      case "commit" -> b.commit(value);
      case "maintainer" -> b.maintainer(value);
      case "replaces_priority" -> b.replacesPriority((int) number(key, value, lineNo));
      case "provider_priority" -> b.providerPriority((int) number(key, value, lineNo));
      case "license" -> b.addLicense(value);
      case "replaces" -> b.addReplaces(items(value));
      case "depend" -> b.addDepend(atoms(value));
      case "provides" -> b.addProvides(atoms(value));
      case "triggers" -> b.addTriggers(items(value));
      case "install_if" -> b.addInstallIf(atoms(value));
      case "datahash" -> b.datahash(value);
      default -> {
        // apk ignores keys it does not know, and so do we.
      }
    }
  }

  private static long number(String key, String value, int lineNo) throws PkgbuildException {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw PkgbuildException.badInput(".PKGINFO line " + lineNo + ": " + key + " is not a number: '" + value + "'");
    }
  }

  private static String[] items(String value) {
    String t = value.trim();
    return t.isEmpty() ? new String[0] : t.split("\\s+");
  }

  private static String[] atoms(String value) throws PkgbuildException {
    String[] out = items(value);
    for (String atom : out) {
      Dependency.parse(atom);
    }
    return out;
  }
}
