package dev.pkgbuild.sca;

import dev.pkgbuild.apk.ApkVersion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Walks one package tree, in sorted order, and records the facts SCA needs. */
final class PackageScanner {
  static final Set<String> LIB_DIRS = Set.of("lib", "usr/lib", "lib64", "usr/lib64");
  static final Set<String> COMMAND_DIRS = Set.of("bin", "sbin", "usr/bin", "usr/sbin");
  static final Set<String> SCRIPT_DIRS = Set.of("bin", "sbin", "usr/bin", "usr/sbin", "usr/local/bin",
      "usr/local/sbin");
  static final Set<String> PKGCONFIG_DIRS = Set.of("usr/lib/pkgconfig", "usr/lib64/pkgconfig",
      "usr/share/pkgconfig", "usr/local/lib/pkgconfig", "usr/local/share/pkgconfig");
  private static final int R_X_ALL = 0555;
  private static final Pattern SO_VERSION = Pattern.compile("\\.so\\.([0-9]+(\\.[0-9]+)*)$");

  private final Set<String> libDirs;
  private final PackageFacts facts;

  PackageScanner(PackageTree pkg, Set<String> extraLibDirs) {
    this.facts = new PackageFacts(pkg);
    this.libDirs = new HashSet<>(LIB_DIRS);
    this.libDirs.addAll(extraLibDirs);
  }

  /** Scans the tree; unreadable entries become warnings. */
  PackageFacts scan(FileTree tree) {
    facts.warnings.addAll(tree.warnings());
    Path root = tree.root();
    // reading and parsing files runs in parallel; the results are applied in path order
    List<Consumer<PackageFacts>> results = tree.entries().parallelStream()
        .map(e -> visit(root.resolve(e.path()), e)).toList();
    results.forEach(r -> r.accept(facts));
    return facts;
  }

  private Consumer<PackageFacts> visit(Path file, FileTree.Entry entry) {
    String rel = entry.path();
    String dir = parent(rel);
    String base = rel.substring(dir.isEmpty() ? 0 : dir.length() + 1);
    try {
      if (entry.isSymbolicLink() && base.contains(".so")) {
        Optional<String> target = linkTarget(file, dir);
        return f -> target.ifPresent(f.soLinkTargets::add);
      } else if (entry.isRegularFile() && (entry.mayBeObject() || SCRIPT_DIRS.contains(dir) || base.endsWith(".pc"))) {
        return regular(file, entry, dir, base);
      }
    } catch (IOException | RuntimeException e) {
      String msg = file + ": cannot read: " + e.getMessage();
      return f -> f.warnings.add(msg);
    }
    return f -> { };
  }

  private Consumer<PackageFacts> regular(Path file, FileTree.Entry entry, String dir, String base)
      throws IOException {
    String rel = entry.path();
    byte[] head;
    ElfFile elf = null;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteSource src = ByteSource.of(ch);
      head = src.read(0, Shebang.HEAD);
      if (ElfFile.hasMagic(head)) {
        elf = new ElfParser(file.toString(), src).parse();
      }
    }
    boolean command = COMMAND_DIRS.contains(dir) && (entry.mode() & R_X_ALL) == R_X_ALL;
    Optional<String> script = SCRIPT_DIRS.contains(dir) ? Shebang.command(head) : Optional.empty();
    Consumer<PackageFacts> pc = base.endsWith(".pc") ? pkgConfig(file, entry, dir, base.substring(0, base.length() - 3))
        : f -> { };
    ElfFile e = elf;
    return f -> {
      if (command) {
        f.commands.add(base);
      }
      script.ifPresent(f.scriptCommands::add);
      pc.accept(f);
      if (e != null) {
        elf(f, e, rel, dir);
      }
    };
  }

  private void elf(PackageFacts facts, ElfFile elf, String rel, String dir) {
    facts.warnings.addAll(elf.warnings());
    if (!elf.interpreter().isEmpty()) {
      facts.needed.add(interpreterSoname(elf.interpreter()));
    }
    facts.needed.addAll(elf.needed());
    if (elf.soname().isEmpty()) {
      return;
    }
    facts.sonameByPath.put(rel, elf.soname());
    if (libDirs.contains(dir)) {
      Matcher m = SO_VERSION.matcher(elf.soname());
      facts.libraries.put(elf.soname(), m.find() ? m.group(1) : "0");
    } else {
      facts.vendoredSonames.add(elf.soname());
    }
  }

  private Consumer<PackageFacts> pkgConfig(Path file, FileTree.Entry entry, String dir, String name) throws IOException {
    if (entry.size() > (1 << 20)) {
      return f -> f.warnings.add(file + ": pkg-config file is over 1 MiB, skipped");
    }
    if (!PKGCONFIG_DIRS.contains(dir)) {
      return f -> f.vendoredPkgConfigs.add(name);
    }
    PkgConfigFile pc = PkgConfigFile.parse(file.toString(),
        new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    return f -> {
      f.warnings.addAll(pc.warnings());
      String version = pc.version();
      if (!ApkVersion.isValid(version)) {
        if (!version.isEmpty()) {
          f.warnings.add(file + ": version '" + version + "' is not an apk version, using the package's");
        }
        version = f.pkg.fullVersion();
      }
      f.pkgConfigs.put(name, version);
      f.pkgConfigRequires.addAll(pc.requires());
    };
  }

  /** musl's loader is provided under the name of its libc, as Alpine and Wolfi package it. */
  static String interpreterSoname(String interp) {
    String base = interp.substring(interp.lastIndexOf('/') + 1);
    return base.startsWith("ld-musl-") ? "libc.musl-" + base.substring("ld-musl-".length()) : base;
  }

  /** The package-relative path a symlink points to; absolute targets are taken inside the package. */
  private Optional<String> linkTarget(Path link, String dir) throws IOException {
    String target = Files.readSymbolicLink(link).toString();
    Path resolved = target.startsWith("/") ? Path.of(target.substring(1)) : Path.of(dir).resolve(target);
    String norm = resolved.normalize().toString();
    return norm.startsWith("..") ? Optional.empty() : Optional.of(norm);
  }

  static String parent(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash);
  }

  /** Absolute library directories a package adds through {@code etc/ld.so.conf.d/*.conf}. */
  static List<String> ldSoConfDirs(Path root) {
    List<String> dirs = new ArrayList<>();
    Path conf = root.resolve("etc/ld.so.conf.d");
    if (!Files.isDirectory(conf)) {
      return dirs;
    }
    try (var files = Files.list(conf)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
          String l = line.strip();
          if (l.startsWith("/")) {
            dirs.add(Path.of(l).normalize().toString().substring(1));
          }
        }
      }
    } catch (IOException e) {
      return dirs; // an unreadable conf only means fewer library dirs
    }
    return dirs;
  }
}
