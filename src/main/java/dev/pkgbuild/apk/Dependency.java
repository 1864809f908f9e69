package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One dependency atom as used in {@code depend}, {@code provides}, {@code install_if} and the
 * index {@code D:}/{@code p:}/{@code i:} lines: {@code [!]name[@tag][op version]}.
 *
 * @param conflict true for {@code !name}: the package must not be installed
 * @param name the package or provided name, such as {@code so:libz.so.1} or {@code cmd:foo}
 * @param tag the repository tag after {@code @}, or null
 * @param op the operator as written ({@code =}, {@code <}, {@code <=}, {@code >}, {@code >=},
 *     {@code ~}, {@code >~}, {@code <~}, {@code ><}), or null for any version
 * @param version the version after the operator (a {@code Q1} checksum for {@code ><}), or null
 */
public record Dependency(boolean conflict, String name, String tag, String op, String version) {
  private static final String OP_CHARS = "<>=~";
  // apk-tools reads each operator char as a flag, so "==" is "=" (Wolfi writes it).
  private static final Set<String> OPS = Set.of("=", "==", "<", "<=", ">", ">=", "~", "=~", "~=", ">~", "<~", "><");

  /** Parses one atom. @throws PkgbuildException naming the atom when it is malformed */
  public static Dependency parse(String atom) throws PkgbuildException {
    int i = 0;
    boolean conflict = atom.startsWith("!");
    if (conflict) {
      i = 1;
    }
    int nameEnd = i;
    while (nameEnd < atom.length() && OP_CHARS.indexOf(atom.charAt(nameEnd)) < 0
        && atom.charAt(nameEnd) != '@' && !Character.isWhitespace(atom.charAt(nameEnd))) {
      nameEnd++;
    }
    String name = atom.substring(i, nameEnd);
    if (name.isEmpty()) {
      throw bad(atom, "missing name");
    }
    if (atom.chars().anyMatch(Character::isWhitespace)) {
      throw bad(atom, "one atom has no spaces (list each one on its own)");
    }
    String tag = null;
    int rest = nameEnd;
    if (rest < atom.length() && atom.charAt(rest) == '@') {
      int tagEnd = rest + 1;
      while (tagEnd < atom.length() && OP_CHARS.indexOf(atom.charAt(tagEnd)) < 0) {
        tagEnd++;
      }
      tag = atom.substring(rest + 1, tagEnd);
      if (tag.isEmpty()) {
        throw bad(atom, "missing tag after '@'");
      }
      rest = tagEnd;
    }
    if (rest == atom.length()) {
      return new Dependency(conflict, name, tag, null, null);
    }
    return withVersion(atom, conflict, name, tag, rest);
  }

  private static Dependency withVersion(String atom, boolean conflict, String name, String tag, int from)
      throws PkgbuildException {
    int opEnd = from;
    while (opEnd < atom.length() && OP_CHARS.indexOf(atom.charAt(opEnd)) >= 0) {
      opEnd++;
    }
    String op = atom.substring(from, opEnd);
    String version = atom.substring(opEnd);
    if (!OPS.contains(op)) {
      throw bad(atom, "unknown operator '" + op + "'");
    }
    if (op.equals("><")) {
      if (!version.startsWith("Q1")) {
        throw bad(atom, "'><' must be followed by a Q1 checksum");
      }
    } else {
      String why = ApkVersion.invalidReason(version);
      if (why != null) {
        throw bad(atom, "invalid version '" + version + "': " + why);
      }
    }
    return new Dependency(conflict, name, tag, op, version);
  }

  /** Parses a space-separated list of atoms. @throws PkgbuildException on the first bad atom */
  public static List<Dependency> parseAll(String text) throws PkgbuildException {
    List<Dependency> out = new ArrayList<>();
    for (String atom : text.trim().split("\\s+")) {
      if (!atom.isEmpty()) {
        out.add(parse(atom));
      }
    }
    return out;
  }

  private static PkgbuildException bad(String atom, String why) {
    return PkgbuildException.badInput("invalid dependency '" + atom + "': " + why);
  }

  /**
   * Whether a provider of {@code providerName} at {@code providerVersion} (null for an
   * unversioned virtual name) falls in this atom's name and version range. For a conflict
   * atom a match means the provider conflicts.
   */
  public boolean matches(String providerName, String providerVersion) {
    return matches(providerName, providerVersion, null);
  }

  /**
   * The same, for a provider whose package has the identity {@code checksum} ({@code C:}, may be
   * null): an identity pin {@code name><Q1...} matches only that build.
   */
  public boolean matches(String providerName, String providerVersion, String checksum) {
    if (!name.equals(providerName)) {
      return false;
    }
    if (op == null) {
      return true;
    }
    if (op.equals("><")) {
      return version.equals(checksum);
    }
    if (providerVersion == null) {
      return false;
    }
    boolean fuzzy = op.contains("~");
    int c = Integer.signum(fuzzy ? ApkVersion.compareFuzzy(providerVersion, version)
        : ApkVersion.compare(providerVersion, version));
    boolean equalOk = op.contains("=") || fuzzy;
    return c < 0 ? op.contains("<") : c > 0 ? op.contains(">") : equalOk;
  }

  /** The atom in the form it is written in {@code .PKGINFO} and the index. */
  public String format() {
    StringBuilder b = new StringBuilder();
    if (conflict) {
      b.append('!');
    }
    b.append(name);
    if (tag != null) {
      b.append('@').append(tag);
    }
    if (op != null) {
      b.append(op).append(version);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
