package dev.pkgbuild.sca;

import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Software composition analysis over the packages of one build: generates {@code so:},
 * {@code cmd:} and {@code pc:} dependencies and provides from the packaged files, and resolves
 * what a sibling package ships to that sibling so no dependency is left unsatisfiable.
 */
public final class DependencyAnalyzer {
  private DependencyAnalyzer() {}

  /**
   * Analyzes every package of a build together.
   *
   * @param packages the main package and its subpackages, each with its staging folder
   * @return the metadata per package name, in input order
   * @throws PkgbuildException naming a declared dependency or provides atom that is malformed
   */
  public static Map<String, Generated> analyze(List<PackageTree> packages) throws PkgbuildException {
    return analyze(packages, Map.of());
  }

  /**
   * Analyzes every package of a build together, reusing trees the caller already walked
   * (for the linters) so each file is stat-ed once.
   *
   * @param packages the main package and its subpackages, each with its staging folder
   * @param walked trees by package name; packages missing here are walked
   * @return the metadata per package name, in input order
   * @throws PkgbuildException naming a declared dependency or provides atom that is malformed
   */
  public static Map<String, Generated> analyze(List<PackageTree> packages, Map<String, FileTree> walked)
      throws PkgbuildException {
    Set<String> extraLibDirs = new TreeSet<>();
    packages.forEach(p -> extraLibDirs.addAll(PackageScanner.ldSoConfDirs(p.root())));
    List<PackageFacts> all = new ArrayList<>();
    for (PackageTree p : packages) {
      FileTree tree = walked.containsKey(p.name()) ? walked.get(p.name()) : FileTree.walk(p.root());
      all.add(new PackageScanner(p, extraLibDirs).scan(tree));
    }
    all.sort(Comparator.comparing(f -> f.pkg.name()));
    Map<String, Generated> out = new LinkedHashMap<>();
    for (PackageTree p : packages) {
      PackageFacts self = all.stream().filter(f -> f.pkg == p).findFirst().orElseThrow();
      out.put(p.name(), generate(self, all));
    }
    return out;
  }

  private static Generated generate(PackageFacts self, List<PackageFacts> all) throws PkgbuildException {
    PackageTree pkg = self.pkg;
    Set<String> provides = new TreeSet<>(pkg.declaredProvides());
    provides.addAll(self.generatedProvides());
    Set<String> depends = new TreeSet<>(pkg.declaredRuntime());
    if (!pkg.noDepends()) {
      for (String atom : wanted(self, all)) {
        resolve(self, all, atom).ifPresent(depends::add);
      }
    }
    Set<String> providedNames = self.providedNames();
    for (String atom : List.copyOf(depends)) {
      Dependency d = Dependency.parse(atom);
      // a conflict with a name it provides is the recipe's to keep; only a need it meets itself goes
      if (!d.conflict() && (providedNames.contains(d.name()) || d.name().equals(pkg.name()))) {
        depends.remove(atom);
      }
    }
    List<String> vendored = new ArrayList<>();
    self.vendoredSonames.forEach(s -> vendored.add("so:" + s));
    self.vendoredPkgConfigs.forEach(s -> vendored.add("pc:" + s));
    return new Generated(List.copyOf(depends), List.copyOf(provides), vendored.stream().sorted().toList(),
        self.warnings);
  }

  /** Every dependency atom the package's files ask for, before resolution. */
  private static Set<String> wanted(PackageFacts self, List<PackageFacts> all) {
    Set<String> atoms = new TreeSet<>();
    self.needed.forEach(s -> atoms.add("so:" + s));
    for (String target : self.soLinkTargets) {
      // a -dev package's libfoo.so link needs the sibling that holds the real library
      for (PackageFacts f : all) {
        String soname = f.sonameByPath.get(target);
        if (f != self && soname != null) {
          atoms.add("so:" + soname);
        }
      }
    }
    self.scriptCommands.forEach(c -> atoms.add("cmd:" + c));
    atoms.addAll(self.pkgConfigRequires);
    return atoms;
  }

  /**
   * What to depend on for {@code atom}: nothing when the package ships it itself; the atom when
   * a sibling advertises it (its provides satisfy it); the sibling's package name when a
   * sibling ships it without advertising it (vendored, or no-provides); else the atom, which
   * the repository must satisfy. Unversioned sonames nobody here ships are dropped, as melange
   * does, since no package provides them.
   */
  static Optional<String> resolve(PackageFacts self, List<PackageFacts> all, String atom) throws PkgbuildException {
    String name = Dependency.parse(atom).name();
    if (self.ships(name)) {
      return Optional.empty();
    }
    for (PackageFacts f : all) {
      if (f != self && f.providedNames().contains(name)) {
        return Optional.of(atom);
      }
    }
    for (PackageFacts f : all) {
      if (f != self && f.ships(name)) {
        return Optional.of(f.pkg.name());
      }
    }
    if (name.startsWith("so:") && !name.contains(".so.")) {
      return Optional.empty();
    }
    return Optional.of(atom);
  }
}
