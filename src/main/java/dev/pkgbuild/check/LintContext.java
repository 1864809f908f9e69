package dev.pkgbuild.check;

import dev.pkgbuild.sca.ElfFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** What linters know besides the entry: the package, its arch and the build's other trees. */
record LintContext(String packageName, Path root, String arch, List<Path> siblingRoots) {
  boolean packageEndsWith(String... suffixes) {
    for (String s : suffixes) {
      if (packageName.endsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the entry's ELF header names another machine or word size than {@code arch}. */
  String wrongArch(Entry e) {
    int machine = ElfFile.machineFor(arch);
    if (machine < 0 || !e.regular() || !mayBeObject(e)) {
      return null;
    }
    ElfFile elf = ElfFile.read(e.file());
    if (!elf.elf() || elf.machine() == 0) {
      return null;
    }
    if (elf.machine() != machine || (elf.bits() != 0 && elf.bits() != ElfFile.bitsFor(arch))) {
      return "elf object for machine " + elf.machine() + " (" + elf.bits() + "-bit) in a package for " + arch;
    }
    return null;
  }

  /** Executables and files named like objects; opening every data file would double the lint time. */
  private static boolean mayBeObject(Entry e) {
    String n = e.name();
    return (e.mode() & 0111) != 0 || n.contains(".so") || n.endsWith(".o") || n.endsWith(".ko");
  }

  /** Whether a symlink's target exists in this package or a sibling, reading absolute targets inside the tree. */
  boolean dangling(Entry e) {
    String target;
    try {
      target = Files.readSymbolicLink(e.file()).toString();
    } catch (java.io.IOException ex) {
      return false;
    }
    String rel = target.startsWith("/") ? target.substring(1)
        : Path.of(e.parent()).resolve(target).normalize().toString();
    if (rel.startsWith("..")) {
      return false; // points outside the package on purpose; nothing to check against
    }
    if (Files.exists(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    return siblingRoots.stream().noneMatch(s -> Files.exists(s.resolve(rel), LinkOption.NOFOLLOW_LINKS));
  }
}
