package dev.pkgbuild.apk;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code APKINDEX} text: {@code X:value} lines, a line shorter than two characters ends a block. */
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
    Block b = new Block();
    int lineNo = 0;
    // Line by line over the text itself: an index of 10,000 packages has 150,000 lines, and
    // splitting it first makes a string of each only to cut the value out of it again.
    for (int start = 0, end; start <= text.length(); start = end + 1) {
      end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      lineNo++;
      if (end - start < 2) {
        if (b.used) {
          out.add(b.build(lineNo));
          b = new Block();
        }
      } else if (text.charAt(start + 1) != ':') {
        throw PkgbuildException.badInput("APKINDEX line " + lineNo + ": expected 'X:value', got '"
            + text.substring(start, end) + "'");
      } else {
        b.set(text.charAt(start), text.substring(start + 2, end), lineNo);
      }
    }
    return out;
  }

  private static final class Block {
    boolean used;
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

    void set(char letter, String value, int lineNo) throws PkgbuildException {
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
        default -> extra.add(letter + ":" + value);
      }
    }

    IndexEntry build(int lineNo) throws PkgbuildException {
      if (p == null || v == null) {
        throw PkgbuildException.badInput("APKINDEX block ending at line " + lineNo + " has no P: or V:");
      }
      return new IndexEntry(c, p, v, a, s, i, t, u, l, o, m, time, commit, k, d, prov, inst, extra);
    }

    /** Words separated by runs of regex {@code \s}, split by hand: a regex split compiles its pattern per line. */
    private static List<String> split(String value) {
      if (value.isBlank()) {
        return List.of();
      }
      String t = value.trim();
      List<String> words = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= t.length(); i++) {
        if (i == t.length() || isSpace(t.charAt(i))) {
          if (i > start) {
            words.add(t.substring(start, i));
          }
          start = i + 1;
        }
      }
      return words;
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
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
