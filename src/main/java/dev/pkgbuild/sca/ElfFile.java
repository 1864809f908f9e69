package dev.pkgbuild.sca;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the dependency scanner needs from one ELF file. Reading never throws: damaged or
 * hostile input gives whatever could be read safely plus {@link #warnings()} naming the file.
 *
 * @param file the name used in warnings
 * @param elf whether the file starts with the ELF magic
 * @param bits 32 or 64, or 0 when unknown
 * @param littleEndian byte order of the file
 * @param machine {@code e_machine}, e.g. 62 for x86-64
 * @param type {@code e_type}: 1 relocatable, 2 executable, 3 shared object, 4 core
 * @param interpreter the {@code PT_INTERP} path, or empty
 * @param needed {@code DT_NEEDED} entries in file order
 * @param soname {@code DT_SONAME}, or empty
 * @param runpath {@code DT_RUNPATH} entries
 * @param rpath {@code DT_RPATH} entries
 * @param warnings problems found while reading
 */
public record ElfFile(String file, boolean elf, int bits, boolean littleEndian, int machine, int type,
    String interpreter, List<String> needed, String soname, List<String> runpath, List<String> rpath,
    List<String> warnings) {
  public static final int ET_REL = 1;
  public static final int ET_EXEC = 2;
  public static final int ET_DYN = 3;

  public ElfFile {
    needed = List.copyOf(needed);
    runpath = List.copyOf(runpath);
    rpath = List.copyOf(rpath);
    warnings = List.copyOf(warnings);
  }

  /** Reads the ELF facts of {@code path}, touching only the header, tables and strings it needs. */
  public static ElfFile read(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return new ElfParser(path.toString(), ByteSource.of(ch)).parse();
    } catch (IOException | RuntimeException e) {
      return notElf(path.toString(), List.of(path + ": cannot read: " + e.getMessage()));
    }
  }

  /** Reads the ELF facts of {@code bytes}, naming them {@code name} in warnings. */
  public static ElfFile read(String name, byte[] bytes) {
    try {
      return new ElfParser(name, ByteSource.of(bytes)).parse();
    } catch (IOException | RuntimeException e) {
      return notElf(name, List.of(name + ": cannot read: " + e.getMessage()));
    }
  }

  /** Whether {@code head} (the first bytes of a file) starts with the ELF magic. */
  public static boolean hasMagic(byte[] head) {
    return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  static ElfFile notElf(String file, List<String> warnings) {
    return new ElfFile(file, false, 0, true, 0, 0, "", List.of(), "", List.of(), List.of(), warnings);
  }

  /** The {@code e_machine} value for an APK architecture name, or -1 when unknown. */
  public static int machineFor(String arch) {
    return switch (arch) {
      case "x86_64" -> 62;
      case "aarch64" -> 183;
      case "x86" -> 3;
      case "armhf", "armv7" -> 40;
      case "ppc64le" -> 21;
      case "s390x" -> 22;
      case "riscv64" -> 243;
      case "loongarch64" -> 258;
      default -> -1;
    };
  }

  /** The word size an APK architecture uses, or 0 when unknown. */
  public static int bitsFor(String arch) {
    return switch (arch) {
      case "x86", "armhf", "armv7" -> 32;
      case "x86_64", "aarch64", "ppc64le", "s390x", "riscv64", "loongarch64" -> 64;
      default -> 0;
    };
  }
}
