package dev.pkgbuild.testing;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.Dependency;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.PkgInfoBuilder;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.io.FileTrees;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.repo.StagedApk;
import dev.pkgbuild.sca.DependencyAnalyzer;
import dev.pkgbuild.sca.Generated;
import dev.pkgbuild.sca.PackageTree;
import dev.pkgbuild.sign.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Converts a folder of .debs into APKs and publishes them as one repository. Paths stay as
 * Debian ships them (bookworm's packages still use {@code /bin}, {@code /lib} and {@code /lib64}
 * beside {@code /usr}; glibc's loader searches both library folders, so no layout package
 * is needed). Maintainer scripts are skipped; what they would have made and a root needs is
 * made here instead: busybox's applet list, gcc's {@code cc} alternative.
 *
 * @param debs the folder of .debs (with closure.list)
 * @param work scratch space for the unpacked trees, deleted by the caller
 * @param repo the repository folder to publish into
 * @param key signs the packages and the index
 */
record DebianToolchain(Path debs, Path work, Path repo, SigningKey key) {
  static final String ARCH = "x86_64";
  /** Folders nothing compiles or links with; dropped to keep the repository small. */
  private static final List<String> DROPPED = List.of("usr/share/doc", "usr/share/man", "usr/share/info",
      "usr/share/locale", "usr/share/lintian", "usr/share/bug", "usr/share/bash-completion");
  /** The meta package a C recipe asks for. */
  static final List<String> BUILD_BASE = List.of("gcc", "binutils", "libc6-dev", "make");
  private static final long EPOCH = 0;

  /** One package on its way: the .deb, its apk name and version, and its unpacked tree. */
  private record Converted(DebPackage deb, String name, String version, Path tree) {}

  /** Builds the repository; returns a one-line summary. */
  String build() throws Exception {
    Path scratch = Files.createDirectories(work.resolve("scratch"));
    List<Converted> all = new ArrayList<>();
    for (Path file : DebianToolchainRepo.debFiles(debs)) {
      DebPackage deb = DebPackage.read(file, scratch);
      String name = apkName(deb.name());
      Path tree = Files.createDirectories(work.resolve("trees").resolve(name));
      deb.unpack(tree, scratch);
      for (String d : DROPPED) {
        FileTrees.delete(tree.resolve(d));
      }
      all.add(new Converted(deb, name, DebianVersion.toApk(deb.version()), tree));
    }
    Map<String, String> byDebianName = debianNames(all);
    Set<String> applets = new TreeSet<>();
    for (Converted c : all) {
      if (c.name().equals("busybox")) {
        applets.addAll(busyboxApplets(c.tree()));
      }
      if (c.name().equals("gcc")) {
        // update-alternatives would make cc; recipes call it by that name
        Files.createSymbolicLink(c.tree().resolve("usr/bin/cc"), Path.of("gcc"));
      }
    }
    List<PackageTree> trees = all.stream().map(c -> PackageTree.of(c.name(), c.version(), c.tree())).toList();
    Map<String, Generated> generated = DependencyAnalyzer.analyze(trees);

    Map<String, List<String>> provides = new TreeMap<>();
    for (Converted c : all) {
      provides.put(c.name(), new ArrayList<>(generated.get(c.name()).provides()));
    }
    Set<String> commands = providedNames(provides);
    for (Converted c : all) {
      if (c.name().equals("busybox")) {
        // apk's busybox provides its applets; a real program of the same name stays the only provider
        for (String a : applets) {
          String base = a.substring(a.lastIndexOf('/') + 1);
          if (!commands.contains("cmd:" + base)) {
            provides.get("busybox").add("cmd:" + base + "=" + c.version());
          }
        }
      }
    }
    Set<String> provided = providedNames(provides);
    provided.addAll(byDebianName.values());

    Path archDir = Files.createDirectories(repo.resolve(ARCH));
    ApkWriter writer = ApkWriter.of(key, EPOCH);
    List<StagedApk> staged = new ArrayList<>();
    Set<String> dropped = new TreeSet<>();
    long installed = 0;
    for (Converted c : all) {
      Set<String> depends = new TreeSet<>();
      for (String field : List.of("Pre-Depends", "Depends")) {
        for (List<String> group : c.deb().relations(field)) {
          group.stream().map(byDebianName::get).filter(n -> n != null).findFirst()
              .filter(n -> !n.equals(c.name())).ifPresentOrElse(depends::add, () -> dropped.add(c.name() + ":" + group));
        }
      }
      for (String atom : generated.get(c.name()).depends()) {
        // Debian's Depends already say what a package needs; a generated need nobody here
        // meets comes from an optional tool (libc-dev-bin's perl scripts), not from compiling
        if (provided.contains(Dependency.parse(atom).name())) {
          depends.add(atom);
        } else {
          dropped.add(c.name() + ":" + atom);
        }
      }
      PkgInfoBuilder b = info(c.name(), c.version(), c.deb().field("Description").split("\n")[0], c.deb().field("Homepage"));
      b.addDepend(depends.toArray(String[]::new));
      b.addProvides(provides.get(c.name()).toArray(String[]::new));
      staged.add(write(writer, b.build(), c.tree(), archDir));
      installed += staged.get(staged.size() - 1).entry().installedSize();
    }
    Path meta = Files.createDirectories(work.resolve("trees/build-base/usr/share/build-base"));
    Files.writeString(meta.resolve("README"), "Depends on " + String.join(", ", BUILD_BASE) + ".\n");
    PkgInfoBuilder b = info("build-base", "1-r0", "what compiling and linking C needs", "");
    b.addDepend(BUILD_BASE.toArray(String[]::new));
    staged.add(write(writer, b.build(), work.resolve("trees/build-base"), archDir));

    Repository.open(repo, ARCH, key, Reporter.silent()).publish(staged);
    long apkBytes = 0;
    try (var s = Files.list(archDir)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".apk")).toList()) {
        apkBytes += Files.size(p);
      }
    }
    return staged.size() + " packages from " + all.size() + " .debs, " + (apkBytes >> 20) + " MiB of .apk, "
        + (installed >> 20) + " MiB installed; dropped " + dropped;
  }

  private static PkgInfoBuilder info(String name, String version, String desc, String url) {
    return PkgInfo.builder(name, version).arch(ARCH).pkgdesc(desc).url(url.isBlank() ? null : url)
        .origin(name).builddate(EPOCH);
  }

  private static StagedApk write(ApkWriter writer, PkgInfo info, Path tree, Path archDir) throws Exception {
    Path temp = Files.createTempFile(archDir, ".convert-" + info.pkgname() + "-", ".apk.part");
    WrittenApk w = writer.writeTo(info, tree, Map.of(), temp);
    return StagedApk.written(temp, w);
  }

  /** busybox-static is installed as the package named busybox, the name the installer links applets for. */
  static String apkName(String debianName) {
    return debianName.equals("busybox-static") ? "busybox" : debianName;
  }

  /** Each Debian package name and virtual name provided by the set, to the apk package that has it. */
  private static Map<String, String> debianNames(List<Converted> all) {
    Map<String, String> out = new LinkedHashMap<>();
    all.forEach(c -> out.put(c.deb().name(), c.name()));
    for (Converted c : all) {
      for (List<String> group : c.deb().relations("Provides")) {
        group.forEach(v -> out.putIfAbsent(v, c.name()));
      }
    }
    return out;
  }

  private static Set<String> providedNames(Map<String, List<String>> provides) throws PkgbuildException {
    Set<String> names = new TreeSet<>();
    for (List<String> atoms : provides.values()) {
      for (String a : atoms) {
        names.add(Dependency.parse(a).name());
      }
    }
    return names;
  }

  /**
   * Writes {@code etc/busybox-paths.d/busybox}, the applet list the installer links from,
   * as busybox itself reports it (the static binary runs on any x86_64 host).
   */
  private static List<String> busyboxApplets(Path tree) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(tree.resolve("bin/busybox").toString(), "--list-full")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("busybox --list-full failed: " + out);
    }
    List<String> applets = out.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    if (!applets.contains("bin/sh")) {
      throw new IOException("busybox has no sh applet: " + applets);
    }
    Path list = Files.createDirectories(tree.resolve("etc/busybox-paths.d")).resolve("busybox");
    StringBuilder text = new StringBuilder();
    applets.forEach(a -> text.append('/').append(a).append('\n'));
    Files.writeString(list, text, StandardCharsets.UTF_8);
    return applets;
  }
}
