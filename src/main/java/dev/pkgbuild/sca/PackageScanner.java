package dev.pkgbuild.sca;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
  private static final Set<PosixFilePermission> R_X_ALL = Set.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
  private static final Pattern SO_VERSION = Pattern.compile("\\.so\\.([0-9]+(\\.[0-9]+)*)$");

  private final Set<String> libDirs;
  private final PackageFacts facts;

  PackageScanner(PackageTree pkg, Set<String> extraLibDirs) {
    this.facts = new PackageFacts(pkg);
    this.libDirs = new HashSet<>(LIB_DIRS);
    this.libDirs.addAll(extraLibDirs);
  }

  /** Scans the tree; unreadable entries become warnings. */
  PackageFacts scan() {
    Path root = facts.pkg.root();
    TreeMap<String, BasicFileAttributes> entries = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
          entries.put(root.relativize(f).toString(), a);
          return FileVisitResult.CONTINUE;
        }

        @Override public FileVisitResult visitFileFailed(Path f, IOException e) {
          facts.warnings.add(f + ": cannot read: " + e.getMessage());
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      facts.warnings.add(root + ": cannot walk: " + e.getMessage());
    }
    // reading and parsing files runs in parallel; the results are applied in path order
    List<Consumer<PackageFacts>> results = entries.entrySet().parallelStream()
        .map(e -> visit(root.resolve(e.getKey()), e.getKey(), e.getValue())).toList();
    results.forEach(r -> r.accept(facts));
    return facts;
  }

  private Consumer<PackageFacts> visit(Path file, String rel, BasicFileAttributes attrs) {
    String dir = parent(rel);
    String base = rel.substring(dir.isEmpty() ? 0 : dir.length() + 1);
    try {
      if (attrs.isSymbolicLink() && base.contains(".so")) {
        Optional<String> target = linkTarget(file, dir);
        return f -> target.ifPresent(f.soLinkTargets::add);
      } else if (attrs.isRegularFile()) {
        return regular(file, rel, dir, base);
      }
    } catch (IOException | RuntimeException e) {
      String msg = file + ": cannot read: " + e.getMessage();
      return f -> f.warnings.add(msg);
    }
    return f -> { };
  }

  private Consumer<PackageFacts> regular(Path file, String rel, String dir, String base) throws IOException {
    byte[] head;
    ElfFile elf = null;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteSource src = ByteSource.of(ch);
      head = src.read(0, Shebang.HEAD);
      if (ElfFile.hasMagic(head)) {
        elf = new ElfParser(file.toString(), src).parse();
      }
    }
    boolean command = COMMAND_DIRS.contains(dir) && Files.getPosixFilePermissions(file).containsAll(R_X_ALL);
    Optional<String> script = SCRIPT_DIRS.contains(dir) ? Shebang.command(head) : Optional.empty();
    Consumer<PackageFacts> pc = base.endsWith(".pc") ? pkgConfig(file, dir, base.substring(0, base.length() - 3))
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

  private Consumer<PackageFacts> pkgConfig(Path file, String dir, String name) throws IOException {
    if (Files.size(file) > (1 << 20)) {
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
      if (!ApkVersions.isValid(version)) {
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
