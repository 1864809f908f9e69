package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads an apko image configuration, every refusal with its file, line and column. */
public final class ImageSpecLoader {
  static final Set<String> TOP_KEYS = Set.of("contents", "accounts", "entrypoint", "cmd", "environment", "work-dir",
      "paths", "archs", "annotations");
  /** apko keys a base image does without; named so the error says so rather than "unknown". */
  static final Set<String> UNSUPPORTED = Set.of("include", "volumes", "stop-signal", "vcs-url", "layering", "options",
      "os-release", "member-of");
  static final Set<String> CONTENTS_KEYS = Set.of("repositories", "keyring", "packages");
  static final Set<String> ACCOUNT_KEYS = Set.of("users", "groups", "run-as");
  static final Set<String> USER_KEYS = Set.of("username", "uid", "gid", "shell", "homedir");
  static final Set<String> GROUP_KEYS = Set.of("groupname", "gid", "members");
  static final Set<String> PATH_KEYS = Set.of("path", "type", "uid", "gid", "permissions", "source", "recursive");
  static final Set<String> PATH_TYPES = Set.of("directory", "empty-file", "symlink", "hardlink", "permissions");

  private ImageSpecLoader() {}

  /**
   * Loads {@code file}.
   *
   * @throws PkgbuildException when it is unreadable, not YAML, or not a valid image configuration
   */
  public static ImageSpec load(Path file) throws PkgbuildException {
    String text = Yaml.read(file);
    Document doc = new Document(file, text);
    Node rootNode = Yaml.compose(file, text);
    Set<String> accepted = new HashSet<>(TOP_KEYS);
    accepted.addAll(UNSUPPORTED);
    Fields top = Fields.of(doc, rootNode, "image", accepted);
    for (String k : top.keys()) {
      if (UNSUPPORTED.contains(k)) {
        throw new PositionedException(top.keyPos(k), "'" + k + "' is not supported by pkgbuild image");
      }
    }
    Fields contents = top.sub("contents", CONTENTS_KEYS);
    List<Text> packages = contents.textList("packages");
    for (Text p : packages) {
      if (p.value().isBlank()) {
        throw new PositionedException(p.pos(), "empty package name in contents.packages");
      }
    }
    Fields accounts = top.sub("accounts", ACCOUNT_KEYS);
    List<ImageSpec.User> users = new ArrayList<>();
    for (Node n : accounts.list("users")) {
      users.add(user(accounts.at(n, "accounts.users item", USER_KEYS)));
    }
    List<ImageSpec.Group> groups = new ArrayList<>();
    for (Node n : accounts.list("groups")) {
      Fields g = accounts.at(n, "accounts.groups item", GROUP_KEYS);
      groups.add(new ImageSpec.Group(required(g, "groupname"), number(g, "gid", true), g.strList("members"), g.pos()));
    }
    Text runAs = accounts.text("run-as");
    if (runAs != null && !runAs.value().matches("\\d+")
        && users.stream().noneMatch(u -> u.username().equals(runAs.value()))) {
      throw new PositionedException(runAs.pos(), "run-as '" + runAs.value() + "' is not a user in accounts.users");
    }
    Fields entry = top.sub("entrypoint", Set.of("command", "shell-fragment"));
    List<String> entrypoint = entry.has("shell-fragment")
        ? List.of("/bin/sh", "-c", entry.str("shell-fragment"))
        : words(entry.text("command"));
    List<ImageSpec.PathSpec> paths = new ArrayList<>();
    for (Node n : top.list("paths")) {
      paths.add(path(top.at(n, "paths item", PATH_KEYS)));
    }
    List<String> archs = new ArrayList<>();
    for (Text a : top.textList("archs")) {
      try {
        String apk = Arch.parse(a.value()).apkName();
        if (!archs.contains(apk)) {
          archs.add(apk);
        }
      } catch (PkgbuildException e) {
        throw new PositionedException(a.pos(), e.getMessage());
      }
    }
    return new ImageSpec(file, contents.strList("repositories"), contents.strList("keyring"), packages, users, groups,
        runAs, entrypoint, words(top.text("cmd")), new LinkedHashMap<>(top.strMap("environment")),
        top.str("work-dir"), paths, archs, new LinkedHashMap<>(top.strMap("annotations")));
  }

  private static ImageSpec.User user(Fields u) throws PositionedException {
    return new ImageSpec.User(required(u, "username"), number(u, "uid", true),
        u.has("gid") ? number(u, "gid", true) : null, u.str("shell"), u.str("homedir"), u.pos());
  }

  private static ImageSpec.PathSpec path(Fields p) throws PositionedException {
    String type = required(p, "type");
    if (!PATH_TYPES.contains(type)) {
      throw new PositionedException(p.keyPos("type"), "paths type '" + type + "' is not one of "
          + String.join(", ", PATH_TYPES.stream().sorted().toList()) + Suggest.didYouMean(type, PATH_TYPES));
    }
    String path = required(p, "path");
    if ((type.equals("symlink") || type.equals("hardlink")) && !p.has("source")) {
      throw new PositionedException(p.pos(), "a " + type + " path needs 'source'");
    }
    Integer perms = p.has("permissions") ? mode(p) : null;
    return new ImageSpec.PathSpec(path, type, p.has("uid") ? number(p, "uid", true) : null,
        p.has("gid") ? number(p, "gid", true) : null, perms, p.str("source"), p.bool("recursive"), p.pos());
  }

  private static String required(Fields f, String key) throws PositionedException {
    String s = f.str(key);
    if (s == null || s.isBlank()) {
      throw new PositionedException(f.pos(), "missing '" + key + "'");
    }
    return s;
  }

  private static int number(Fields f, String key, boolean required) throws PositionedException {
    String s = f.str(key);
    if (s == null) {
      throw new PositionedException(f.pos(), "missing '" + key + "'");
    }
    try {
      long v = Long.parseLong(s);
      if (v < 0 || v > 0xFFFF_FFFEL) {
        throw new NumberFormatException();
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw new PositionedException(f.keyPos(key), "'" + key + "' must be a number from 0 to 4294967294, not '"
          + s + "'");
    }
  }

  /** YAML's {@code 0o755} (apko's form), or {@code 0755}, or a plain number. */
  private static int mode(Fields p) throws PositionedException {
    String s = p.str("permissions");
    try {
      int v = s.startsWith("0o") ? Integer.parseInt(s.substring(2), 8)
          : s.length() > 1 && s.startsWith("0") ? Integer.parseInt(s.substring(1), 8) : Integer.parseInt(s);
      if (v < 0 || v > 07777) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new PositionedException(p.keyPos("permissions"), "permissions must be a mode such as 0o755, not '"
          + s + "'");
    }
  }

  /** Splits as a POSIX shell splits words: blanks, single and double quotes, backslashes. */
  static List<String> words(Text t) throws PositionedException {
    List<String> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    String s = t.value();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
          w.append(s.charAt(++i));
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < s.length()) {
        w.append(s.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new PositionedException(t.pos(), "unterminated " + quote + " quote");
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }

}
