package dev.pkgbuild.sca;

/** Splits apk dependency atoms such as {@code pc:zlib>=1.2} or {@code so:libc.so.6=6}. */
final class Atoms {
  private Atoms() {}

  /** The name part of an atom, before any version operator. */
  static String name(String atom) {
    for (int i = 0; i < atom.length(); i++) {
      char c = atom.charAt(i);
      if (c == '=' || c == '<' || c == '>' || c == '~') {
        return atom.substring(0, i);
      }
    }
    return atom;
  }
}
