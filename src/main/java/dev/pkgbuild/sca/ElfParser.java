package dev.pkgbuild.sca;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the ELF header, program headers and dynamic section with bounds checks on every
 * offset and count, since packaged files are untrusted input.
 */
final class ElfParser {
  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final int PT_INTERP = 3;
  private static final int SHT_DYNAMIC = 6;
  private static final int MAX_HEADERS = 4096;
  private static final int MAX_DYNAMIC = 1 << 16;
  private static final int MAX_STRTAB = 1 << 20;
  private static final int MAX_STRING = 4096;

  /** A program header or section header reduced to what we use. */
  private record Region(long type, long addr, long offset, long size, long link) {}

  private final String name;
  private final ByteSource src;
  private final List<String> warnings = new ArrayList<>();
  private boolean is64;
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
  private int machine;
  private int type;
  private String interpreter = "";
  private final List<String> needed = new ArrayList<>();
  private String soname = "";
  private List<String> runpath = List.of();
  private List<String> rpath = List.of();

  ElfParser(String name, ByteSource src) {
    this.name = name;
    this.src = src;
  }

  ElfFile parse() throws IOException {
    byte[] head = src.read(0, 64);
    if (!ElfFile.hasMagic(head)) {
      return ElfFile.notElf(name, List.of());
    }
    if (head.length < 16 || (head[4] != 1 && head[4] != 2)) {
      warn("truncated or unknown elf identification");
      return result(0);
    }
    is64 = head[4] == 2;
    order = head[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    if (head.length < (is64 ? 64 : 52)) {
      warn("truncated elf header");
      return result(is64 ? 64 : 32);
    }
    ByteBuffer h = ByteBuffer.wrap(head).order(order);
    type = u16(h, 16);
    machine = u16(h, 18);
    List<Region> segments = programHeaders(h);
    readSegments(h, segments);
    return result(is64 ? 64 : 32);
  }

  private ElfFile result(int bits) {
    return new ElfFile(name, true, bits, order == ByteOrder.LITTLE_ENDIAN, machine, type, interpreter,
        needed, soname, runpath, rpath, warnings);
  }

  private void readSegments(ByteBuffer h, List<Region> segments) throws IOException {
    Region dynamic = null;
    for (Region r : segments) {
      if (r.type() == PT_INTERP && interpreter.isEmpty()) {
        interpreter = string(src.read(r.offset(), (int) Math.min(r.size(), MAX_STRING)), 0, "interpreter");
      } else if (r.type() == PT_DYNAMIC && dynamic == null) {
        dynamic = r;
      }
    }
    List<Region> sections = null;
    if (dynamic == null) {
      sections = sectionHeaders(h);
      dynamic = sections.stream().filter(s -> s.type() == SHT_DYNAMIC).findFirst().orElse(null);
    }
    if (dynamic != null) {
      readDynamic(h, dynamic, segments, sections);
    }
  }

  private List<Region> programHeaders(ByteBuffer h) throws IOException {
    long off = is64 ? h.getLong(32) : u32(h, 28);
    int entSize = u16(h, is64 ? 54 : 42);
    int count = u16(h, is64 ? 56 : 44);
    ByteBuffer t = table(off, entSize, count, is64 ? 56 : 32, "program header");
    List<Region> out = new ArrayList<>();
    for (int i = 0; t != null && (long) (i + 1) * entSize <= t.capacity(); i++) {
      int b = i * entSize;
      if (is64) {
        out.add(new Region(u32(t, b), t.getLong(b + 16), t.getLong(b + 8), t.getLong(b + 32), 0));
      } else {
        out.add(new Region(u32(t, b), u32(t, b + 8), u32(t, b + 4), u32(t, b + 16), 0));
      }
    }
    return out;
  }

  private List<Region> sectionHeaders(ByteBuffer h) throws IOException {
    long off = is64 ? h.getLong(40) : u32(h, 32);
    int entSize = u16(h, is64 ? 58 : 46);
    int count = u16(h, is64 ? 60 : 48);
    ByteBuffer t = table(off, entSize, count, is64 ? 64 : 40, "section header");
    List<Region> out = new ArrayList<>();
    for (int i = 0; t != null && (long) (i + 1) * entSize <= t.capacity(); i++) {
      int b = i * entSize;
      if (is64) {
        out.add(new Region(u32(t, b + 4), t.getLong(b + 16), t.getLong(b + 24), t.getLong(b + 32), u32(t, b + 40)));
      } else {
        out.add(new Region(u32(t, b + 4), u32(t, b + 12), u32(t, b + 16), u32(t, b + 20), u32(t, b + 24)));
      }
    }
    return out;
  }

  /** Reads {@code count} entries of a header table, or as many as the file really holds. */
  private ByteBuffer table(long off, int entSize, int count, int minEntSize, String what) throws IOException {
    if (count == 0 || off == 0) {
      return null;
    }
    if (entSize < minEntSize) {
      warn(what + " entry size " + entSize + " is too small");
      return null;
    }
    if (count > MAX_HEADERS || (long) entSize * count > MAX_STRTAB) {
      int cap = Math.min(MAX_HEADERS, MAX_STRTAB / entSize);
      warn(what + " table of " + count + " entries of " + entSize + " bytes is implausible, reading " + cap);
      count = Math.min(count, cap);
    }
    if (!inFile(off, (long) entSize * count)) {
      warn(what + " table at offset " + Long.toUnsignedString(off) + " runs past the end of the file");
    }
    byte[] b = src.read(off, entSize * count);
    return b.length < entSize ? null : ByteBuffer.wrap(b).order(order);
  }

  private void readDynamic(ByteBuffer h, Region dyn, List<Region> segments, List<Region> sections)
      throws IOException {
    int entSize = is64 ? 16 : 8;
    long entries = dyn.size() < 0 ? MAX_DYNAMIC : Math.min(dyn.size() / entSize, MAX_DYNAMIC);
    if (!inFile(dyn.offset(), entries * entSize)) {
      warn("dynamic section at offset " + Long.toUnsignedString(dyn.offset()) + " runs past the end of the file");
    }
    ByteBuffer d = ByteBuffer.wrap(src.read(dyn.offset(), (int) (entries * entSize))).order(order);
    DynamicTable table = DynamicTable.scan(d, is64);
    if (!table.terminated()) {
      warn("dynamic section has no DT_NULL terminator");
    }
    long strOff = strtabOffset(h, table.strtab(), dyn, segments, sections);
    if (strOff < 0) {
      if (table.hasStrings()) {
        warn("dynamic string table not found");
      }
      return;
    }
    long size = table.strsz() > 0 ? Math.min(table.strsz(), MAX_STRTAB) : MAX_STRTAB;
    byte[] strtab = src.read(strOff, (int) size);
    for (long n : table.needed()) {
      needed.add(string(strtab, n, "DT_NEEDED"));
    }
    soname = table.soname() < 0 ? "" : string(strtab, table.soname(), "DT_SONAME");
    runpath = table.runpath() < 0 ? List.of() : paths(string(strtab, table.runpath(), "DT_RUNPATH"));
    rpath = table.rpath() < 0 ? List.of() : paths(string(strtab, table.rpath(), "DT_RPATH"));
  }

  /** Maps DT_STRTAB's address to a file offset through PT_LOAD, else through section headers. */
  private long strtabOffset(ByteBuffer h, long addr, Region dyn, List<Region> segments, List<Region> sections)
      throws IOException {
    if (addr >= 0) {
      for (Region r : segments) {
        if (r.type() == PT_LOAD && Long.compareUnsigned(addr, r.addr()) >= 0
            && Long.compareUnsigned(addr - r.addr(), r.size()) < 0) {
          return r.offset() + (addr - r.addr());
        }
      }
    }
    List<Region> secs = sections != null ? sections : sectionHeaders(h);
    for (Region s : secs) {
      if (addr >= 0 && s.addr() == addr && s.addr() != 0) {
        return s.offset();
      }
    }
    for (Region s : secs) {
      if (s.type() == SHT_DYNAMIC && s.offset() == dyn.offset() && s.link() < secs.size()) {
        return secs.get((int) s.link()).offset();
      }
    }
    return -1;
  }

  /** The NUL-terminated string at {@code index} of {@code table}, cut short with a warning when needed. */
  private String string(byte[] table, long index, String what) {
    if (index < 0 || index >= table.length) {
      warn(what + " string offset " + index + " is outside the string table");
      return "";
    }
    int start = (int) index;
    int limit = (int) Math.min(table.length, start + (long) MAX_STRING);
    int end = start;
    while (end < limit && table[end] != 0) {
      end++;
    }
    if (end == limit) {
      warn(what + " string at offset " + index + " has no NUL terminator");
    }
    return new String(table, start, end - start, StandardCharsets.UTF_8);
  }

  private static List<String> paths(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split(":"));
  }

  private boolean inFile(long off, long len) {
    return off >= 0 && len >= 0 && off <= src.size() && len <= src.size() - off;
  }

  private void warn(String message) {
    warnings.add(name + ": " + message);
  }

  private static int u16(ByteBuffer b, int at) {
    return Short.toUnsignedInt(b.getShort(at));
  }

  private static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }
}
