package dev.pkgbuild.io;

import java.util.List;
import java.util.Map;

/**
 * Renders maps, lists, strings, numbers and booleans as JSON with a two-space indent.
 * Maps keep their iteration order, so callers pass sorted or insertion-ordered maps
 * and get the same bytes every time.
 */
public final class Json {
  private Json() {}

  /** Pretty JSON text of {@code value}, ending with a newline. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int depth) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map<?, ?> m) {
      writeMap(sb, m, depth);
    } else if (v instanceof List<?> l) {
      writeList(sb, l, depth);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      quote(sb, v.toString());
    }
  }

  private static void writeMap(StringBuilder sb, Map<?, ?> m, int depth) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      indent(sb, depth + 1);
      quote(sb, String.valueOf(e.getKey()));
      sb.append(": ");
      write(sb, e.getValue(), depth + 1);
      sb.append(++i < m.size() ? ",\n" : "\n");
    }
    indent(sb, depth);
    sb.append('}');
  }

  private static void writeList(StringBuilder sb, List<?> l, int depth) {
    if (l.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      indent(sb, depth + 1);
      write(sb, l.get(i), depth + 1);
      sb.append(i + 1 < l.size() ? ",\n" : "\n");
    }
    indent(sb, depth);
    sb.append(']');
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth));
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
