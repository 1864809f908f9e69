package dev.pkgbuild.archive;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes one ustar header with apk-tools' strictness, noting each deviation as a one-line issue. */
final class TarHeaderParser {
  private TarHeaderParser() {}

  static TarReader.Item parse(byte[] h, Map<String, String> pax, List<String> issues) {
    String name = str(h, 0, 100);
    String prefix = str(h, 345, 155);
    if (!prefix.isEmpty()) {
      name = prefix + "/" + name;
    }
    name = pax.getOrDefault("path", name);
    String magic = new String(h, 257, 5, StandardCharsets.ISO_8859_1);
    if (!magic.equals("ustar")) {
      issues.add(name + ": header has no ustar magic (apk rejects v7 tar headers)");
    }
    if (!checksumOk(h)) {
      issues.add(name + ": wrong tar header checksum");
    }
    char flag = (char) h[156];
    TarEntry.Type type = TarEntry.Type.of(flag);
    String link = pax.getOrDefault("linkpath", str(h, 157, 100));
    long size = type == TarEntry.Type.FILE ? octal(h, 124, 12, name, "size", issues) : 0;
    int mode = (int) octal(h, 100, 8, name, "mode", issues);
    int uid = (int) octal(h, 108, 8, name, "uid", issues);
    int gid = (int) octal(h, 116, 8, name, "gid", issues);
    long mtime = octal(h, 136, 12, name, "mtime", issues);
    String sha1 = pax.get(TarSegmentWriter.CHECKSUM_KEY);
    boolean linkType = type == TarEntry.Type.SYMLINK || type == TarEntry.Type.HARDLINK;
    TarEntry e = new TarEntry(name, type, mode & 07777, uid, gid, str(h, 265, 32), str(h, 297, 32), size, mtime,
        linkType ? link : null, sha1);
    return new TarReader.Item(e, Map.copyOf(pax), List.copyOf(issues));
  }

  static long size(byte[] h) {
    return octal(h, 124, 12, "", "size", new java.util.ArrayList<>());
  }

  /** apk accepts octal digits followed by NUL or spaces; leading spaces are a format error there. */
  static long octal(byte[] h, int off, int len, String name, String field, List<String> issues) {
    int i = off;
    int end = off + len;
    if (h[i] == ' ') {
      issues.add(name + ": space-padded octal in the " + field + " field (apk rejects it)");
      while (i < end && h[i] == ' ') {
        i++;
      }
    }
    if (i < end && (h[i] & 0x80) != 0) {
      issues.add(name + ": base-256 number in the " + field + " field (apk cannot read it)");
      return 0;
    }
    long v = 0;
    for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
      v = v * 8 + (h[i] - '0');
    }
    for (; i < end; i++) {
      if (h[i] != 0 && h[i] != ' ') {
        issues.add(name + ": non-octal character in the " + field + " field");
        break;
      }
    }
    return v;
  }

  static Map<String, String> paxRecords(byte[] body, List<String> issues) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < body.length && body[i] != 0) {
      int sp = i;
      while (sp < body.length && body[sp] != ' ') {
        sp++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(body, i, sp - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        issues.add("malformed pax record");
        return out;
      }
      if (len <= 0 || i + len > body.length) {
        issues.add("malformed pax record");
        return out;
      }
      String rec = new String(body, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
      int eq = rec.indexOf('=');
      if (eq > 0) {
        out.put(rec.substring(0, eq), rec.substring(eq + 1));
      }
      i += len;
    }
    return out;
  }

  private static boolean checksumOk(byte[] h) {
    long sum = 0;
    for (int i = 0; i < h.length; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    return sum == octal(h, 148, 8, "", "chksum", new java.util.ArrayList<>());
  }

  private static String str(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }
}
