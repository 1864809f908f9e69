package dev.pkgbuild.sca;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The string-valued entries of a dynamic section, scanned once up to DT_NULL or the end of
 * the bytes read. Offsets are string table indexes; -1 means absent.
 */
record DynamicTable(List<Long> needed, long soname, long rpath, long runpath, long strtab, long strsz,
    boolean terminated) {
  private static final int DT_NULL = 0;
  private static final int DT_NEEDED = 1;
  private static final int DT_STRTAB = 5;
  private static final int DT_STRSZ = 10;
  private static final int DT_SONAME = 14;
  private static final int DT_RPATH = 15;
  private static final int DT_RUNPATH = 29;

  static DynamicTable scan(ByteBuffer d, boolean is64) {
    int entSize = is64 ? 16 : 8;
    List<Long> needed = new ArrayList<>();
    long[] v = {-1, -1, -1, -1, -1}; // soname, rpath, runpath, strtab, strsz
    for (int at = 0; at + entSize <= d.capacity(); at += entSize) {
      long tag = is64 ? d.getLong(at) : d.getInt(at);
      long val = is64 ? d.getLong(at + 8) : Integer.toUnsignedLong(d.getInt(at + 4));
      if (tag == DT_NULL) {
        return new DynamicTable(needed, v[0], v[1], v[2], v[3], v[4], true);
      }
      switch ((int) Math.max(Math.min(tag, Integer.MAX_VALUE), Integer.MIN_VALUE)) {
        case DT_NEEDED -> needed.add(val);
        case DT_SONAME -> v[0] = val;
        case DT_RPATH -> v[1] = val;
        case DT_RUNPATH -> v[2] = val;
        case DT_STRTAB -> v[3] = val;
        case DT_STRSZ -> v[4] = val;
        default -> { }
      }
    }
    return new DynamicTable(needed, v[0], v[1], v[2], v[3], v[4], false);
  }

  boolean hasStrings() {
    return !needed.isEmpty() || soname >= 0 || rpath >= 0 || runpath >= 0;
  }
}
