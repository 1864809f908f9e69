package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code APKINDEX} text: {@code X:value} lines, a line shorter than two characters ends a
 * block. A package (name and version) may appear once: its file is {@code <P>-<V>.apk}, so a
 * second record could only describe the same file with other metadata or checksum.
 */
final class IndexTextParser {
  private IndexTextParser() {}

  static List<IndexEntry> parse(String text) throws PkgbuildException {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw PkgbuildException.badInput("APKINDEX does not end with a newline (apk drops the last package)");
    }
    if (text.contains("\r")) {
      throw PkgbuildException.badInput("APKINDEX has CR characters (apk needs LF line ends)");
    }
    List<IndexEntry> out = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    Block b = new Block();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.length() < 2) {
        if (b.used) {
          IndexEntry e = b.build(lineNo);
          Integer first = firstLine.putIfAbsent(e.name() + "-" + e.version(), b.start);
          if (first != null) {
            throw PkgbuildException.badInput("APKINDEX lists " + e.name() + "-" + e.version() + " twice (blocks at lines "
                + first + " and " + b.start + ")");
          }
          out.add(e);
          b = new Block();
        }
        continue;
      }
      if (line.charAt(1) != ':') {
        throw PkgbuildException.badInput("APKINDEX line " + lineNo + ": expected 'X:value', got '" + line + "'");
      }
      if (!b.used) {
        b.start = lineNo;
      }
      b.set(line.charAt(0), line.substring(2), line, lineNo);
    }
    return out;
  }

  private static final class Block {
    boolean used;
    int start;
    String c;
    String p;
    String v;
    String a;
    long s;
    long i;
    String t;
    String u;
    String l;
    String o;
    String m;
    Long time;
    String commit;
    Integer k;
    List<String> d = List.of();
    List<String> prov = List.of();
    List<String> inst = List.of();
    final List<String> extra = new ArrayList<>();

    void set(char letter, String value, String line, int lineNo) throws PkgbuildException {
      used = true;
      switch (letter) {
        case 'C' -> c = value;
        case 'P' -> p = value;
        case 'V' -> v = value;
        case 'A' -> a = value;
        case 'S' -> s = number(value, lineNo);
        case 'I' -> i = number(value, lineNo);
        case 'T' -> t = value;
        case 'U' -> u = value;
        case 'L' -> l = value;
        case 'o' -> o = value;
        case 'm' -> m = value;
        case 't' -> time = number(value, lineNo);
        case 'c' -> commit = value;
        case 'k' -> k = (int) number(value, lineNo);
        case 'D' -> d = split(value);
        case 'p' -> prov = split(value);
        case 'i' -> inst = split(value);
        default -> extra.add(line);
      }
    }

    IndexEntry build(int lineNo) throws PkgbuildException {
      if (p == null || v == null) {
        throw PkgbuildException.badInput("APKINDEX block ending at line " + lineNo + " has no P: or V:");
      }
      return new IndexEntry(c, p, v, a, s, i, t, u, l, o, m, time, commit, k, d, prov, inst, extra);
    }

    private static List<String> split(String value) {
      return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static long number(String value, int lineNo) throws PkgbuildException {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw PkgbuildException.badInput("APKINDEX line " + lineNo + ": not a number: '" + value + "'");
      }
    }
  }
}
