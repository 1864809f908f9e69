package dev.pkgbuild.sca;

import dev.pkgbuild.apk.ApkVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a pkg-config {@code .pc} file that become {@code pc:} metadata. Parsing is
 * lenient: odd syntax gives a warning naming the file and the entry is kept or skipped.
 *
 * @param version the {@code Version:} field with variables expanded, or empty
 * @param requires dependencies as apk atoms, e.g. {@code pc:zlib>=1.2} or {@code pc:libpng}
 * @param warnings problems found, each starting with the file name
 */
record PkgConfigFile(String version, List<String> requires, List<String> warnings) {
  private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern ASSIGN = Pattern.compile("^([A-Za-z0-9_.]+)\\s*=(.*)$");
  private static final Pattern FIELD = Pattern.compile("^([A-Za-z0-9_.]+)\\s*:(.*)$");
  private static final List<String> OPS = List.of("<=", ">=", "!=", "=", "<", ">");
  private static final int MAX_EXPANSIONS = 64;
  private static final Pattern TOKEN = Pattern.compile(",|[<>!=]+|[^\\s,<>!=]+");

  static PkgConfigFile parse(String file, String text) {
    List<String> warnings = new ArrayList<>();
    Map<String, String> vars = new HashMap<>();
    Map<String, String> fields = new HashMap<>();
    for (String raw : text.split("\n")) {
      String line = stripComment(raw).strip();
      Matcher a = ASSIGN.matcher(line);
      Matcher f = FIELD.matcher(line);
      if (a.matches() && (!f.matches() || a.end(1) < f.end(1))) {
        vars.put(a.group(1), expand(file, a.group(2).strip(), vars, warnings));
      } else if (f.matches()) {
        fields.put(f.group(1), expand(file, f.group(2).strip(), vars, warnings));
      } else if (!line.isEmpty()) {
        warnings.add(file + ": ignoring unparsable line '" + line + "'");
      }
    }
    List<String> requires = new ArrayList<>();
    for (String key : List.of("Requires", "Requires.private", "Requires.internal")) {
      requires.addAll(atoms(file, fields.getOrDefault(key, ""), warnings));
    }
    return new PkgConfigFile(fields.getOrDefault("Version", ""), requires, warnings);
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static String expand(String file, String value, Map<String, String> vars, List<String> warnings) {
    String out = value;
    for (int i = 0; i < MAX_EXPANSIONS; i++) {
      Matcher m = VAR.matcher(out);
      if (!m.find()) {
        return out;
      }
      String v = vars.get(m.group(1));
      if (v == null) {
        warnings.add(file + ": undefined variable '" + m.group(1) + "'");
        v = "";
      }
      out = out.substring(0, m.start()) + v + out.substring(m.end());
    }
    warnings.add(file + ": variable expansion does not end in '" + value + "'");
    return out;
  }

  /** Splits {@code foo >= 1.2, bar baz < 3} into apk atoms, keeping only constraints apk understands. */
  private static List<String> atoms(String file, String value, List<String> warnings) {
    List<String> t = new ArrayList<>();
    Matcher m = TOKEN.matcher(value);
    while (m.find()) {
      t.add(m.group());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).equals(",")) {
        continue;
      }
      if (isOp(t.get(i))) {
        warnings.add(file + ": ignoring stray '" + t.get(i) + "' in requires");
        continue;
      }
      String atom = "pc:" + t.get(i);
      if (i + 1 < t.size() && isOp(t.get(i + 1))) {
        String op = t.get(++i);
        boolean hasVersion = i + 1 < t.size() && !t.get(i + 1).equals(",") && !isOp(t.get(i + 1));
        atom += constraint(file, t.get(i - 1), op, hasVersion ? t.get(++i) : "", warnings);
      }
      out.add(atom);
    }
    return out;
  }

  private static boolean isOp(String token) {
    return token.charAt(0) == '<' || token.charAt(0) == '>' || token.charAt(0) == '=' || token.charAt(0) == '!';
  }

  private static String constraint(String file, String name, String op, String ver, List<String> warnings) {
    if (!OPS.contains(op) || op.equals("!=") || !ApkVersion.isValid(ver)) {
      warnings.add(file + ": dropping constraint '" + op + " " + ver + "' on " + name + " that apk cannot express");
      return "";
    }
    return op + ver;
  }

}
