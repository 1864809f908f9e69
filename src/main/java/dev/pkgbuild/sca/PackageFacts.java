package dev.pkgbuild.sca;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What one scan of a package tree found, before sibling resolution and options apply. */
final class PackageFacts {
  final PackageTree pkg;
  /** soname to version, for libraries directly in a library directory. */
  final Map<String, String> libraries = new TreeMap<>();
  final Set<String> vendoredSonames = new TreeSet<>();
  /** DT_NEEDED sonames and the interpreter, as sonames. */
  final Set<String> needed = new TreeSet<>();
  /** Package-relative path of every ELF file with a soname, to that soname. */
  final Map<String, String> sonameByPath = new HashMap<>();
  /** Package-relative targets of {@code *.so*} symlinks. */
  final Set<String> soLinkTargets = new TreeSet<>();
  final Set<String> commands = new TreeSet<>();
  final Set<String> scriptCommands = new TreeSet<>();
  /** pkg-config name to version, for {@code .pc} files in a pkg-config directory. */
  final Map<String, String> pkgConfigs = new TreeMap<>();
  final Set<String> vendoredPkgConfigs = new TreeSet<>();
  final Set<String> pkgConfigRequires = new TreeSet<>();
  final List<String> warnings = new ArrayList<>();
  private Set<String> providedNames;

  PackageFacts(PackageTree pkg) {
    this.pkg = pkg;
  }

  /** The virtual names ({@code so:x}, {@code cmd:x}, {@code pc:x}) this package ships in any form. */
  boolean ships(String name) {
    String v = name.substring(name.indexOf(':') + 1);
    return switch (name.substring(0, Math.max(0, name.indexOf(':')))) {
      case "so" -> libraries.containsKey(v) || vendoredSonames.contains(v);
      case "cmd" -> commands.contains(v);
      case "pc" -> pkgConfigs.containsKey(v) || vendoredPkgConfigs.contains(v);
      default -> false;
    };
  }

  /** The provides this package generates, honouring its options. */
  List<String> generatedProvides() {
    List<String> out = new ArrayList<>();
    if (pkg.noProvides()) {
      return out;
    }
    libraries.forEach((soname, ver) -> out.add("so:" + soname + "=" + ver));
    if (!pkg.noCommands()) {
      commands.forEach(c -> out.add("cmd:" + c + "=" + pkg.fullVersion()));
    }
    pkgConfigs.forEach((name, ver) -> out.add("pc:" + name + "=" + ver));
    return out;
  }

  /** Names (without version or tag) this package will list under {@code provides}. */
  Set<String> providedNames() throws PkgbuildException {
    if (providedNames != null) {
      return providedNames;
    }
    Set<String> names = new TreeSet<>();
    for (String p : generatedProvides()) {
      names.add(Dependency.parse(p).name());
    }
    for (String p : pkg.declaredProvides()) {
      names.add(Dependency.parse(p).name());
    }
    providedNames = names;
    return names;
  }
}
