package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML mapping read as a set of known fields: rejects unknown and duplicate keys and
 * wrong node types, each with the position of the offending node. Scalars are read as their
 * source text, so {@code version: 3.0} stays {@code "3.0"}.
 */
public final class Fields {
  private final Document doc;
  private final Path file;
  private final Node node;
  private final String where;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private SourcePos fallback;

  private Fields(Document doc, Node node, String where) {
    this.doc = doc;
    this.file = doc.file();
    this.node = node;
    this.where = where;
  }

  /**
   * Reads {@code node} as a mapping whose keys must be in {@code allowed}.
   *
   * @throws PositionedException on a non-mapping, a duplicate key or an unknown key
   */
  static Fields of(Document doc, Node node, String where, Collection<String> allowed)
      throws PositionedException {
    Path file = doc.file();
    Fields f = new Fields(doc, node, where);
    if (isNull(node)) {
      return f;
    }
    if (!(node instanceof MappingNode m)) {
      throw new PositionedException(pos(file, node), "expected a mapping for " + where + ", found " + kind(node));
    }
    for (NodeTuple t : m.getValue()) {
      String key = keyText(file, t.getKeyNode(), where);
      if (f.entries.containsKey(key)) {
        throw new PositionedException(pos(file, t.getKeyNode()), "duplicate key '" + key + "' in " + where);
      }
      if (allowed != null && !allowed.contains(key)) {
        throw new PositionedException(pos(file, t.getKeyNode()),
            "unknown key '" + key + "' in " + where + Suggest.didYouMean(key, allowed));
      }
      f.entries.put(key, t);
    }
    return f;
  }

  private static String keyText(Path file, Node key, String where) throws PositionedException {
    if (!(key instanceof ScalarNode s)) {
      throw new PositionedException(pos(file, key), "expected a string key in " + where + ", found " + kind(key));
    }
    return s.getValue();
  }

  /** The 1-based position of {@code node} in {@code file}. */
  public static SourcePos pos(Path file, Node node) {
    return node.getStartMark()
        .map(m -> new SourcePos(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourcePos.of(file));
  }

  static boolean isNull(Node n) {
    return n == null || n instanceof ScalarNode s && s.getValue().isEmpty() && s.isPlain()
        || n instanceof ScalarNode s2 && s2.isPlain() && (s2.getValue().equals("~") || s2.getValue().equals("null"));
  }

  static String kind(Node n) {
    return switch (n.getNodeType()) {
      case MAPPING -> "a mapping";
      case SEQUENCE -> "a list";
      default -> "a string";
    };
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** The same document read at {@code n}. */
  Fields at(Node n, String what, Collection<String> allowed) throws PositionedException {
    return of(doc, n, what, allowed);
  }

  /** Position of the mapping itself. */
  public SourcePos pos() {
    if (node == null) {
      return fallback == null ? SourcePos.of(file) : fallback;
    }
    return pos(file, node);
  }

  /** Position of {@code key}, or of the mapping when the key is absent. */
  public SourcePos keyPos(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? pos() : pos(file, t.getKeyNode());
  }

  /** Whether {@code key} is present. */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The keys present, in file order. */
  public List<String> keys() {
    return List.copyOf(entries.keySet());
  }

  /** The value node of {@code key}, or null. */
  public Node node(String key) {
    NodeTuple t = entries.get(key);
    return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
  }

  /**
   * The scalar text of {@code key}, or null when absent.
   *
   * @throws PositionedException when the value is not a scalar
   */
  public String str(String key) throws PositionedException {
    NodeTuple t = entries.get(key);
    if (t == null) {
      return null;
    }
    return scalar(file, t.getValueNode(), "'" + key + "' in " + where);
  }

  /**
   * The scalar under {@code key} with its source, or null when absent.
   *
   * @throws PositionedException when the value is not a scalar
   */
  public Text text(String key) throws PositionedException {
    NodeTuple t = entries.get(key);
    if (t == null) {
      return null;
    }
    return text(t.getValueNode(), "'" + key + "' in " + where);
  }

  /** Reads a scalar node as a {@link Text}; a null node reads as the empty string. */
  Text text(Node n, String what) throws PositionedException {
    String value = scalar(file, n, what);
    ScalarNode s = (ScalarNode) n;
    ScalarSpan span = n.getStartMark()
        .map(m -> new ScalarSpan(doc, m.getLine(), m.getColumn(), s.getScalarStyle()))
        .orElse(null);
    return new Text(value, pos(file, n), span);
  }

  /** The list of scalars under {@code key}, each with its source. */
  public List<Text> textList(String key) throws PositionedException {
    List<Text> out = new ArrayList<>();
    for (Node n : list(key)) {
      out.add(text(n, "an item of '" + key + "' in " + where));
    }
    return List.copyOf(out);
  }

  /** Like {@link #str(String)} with a default for an absent key. */
  public String str(String key, String def) throws PositionedException {
    String s = str(key);
    return s == null ? def : s;
  }

  /** Reads a scalar node's text; a null node reads as the empty string. */
  static String scalar(Path file, Node n, String what) throws PositionedException {
    if (n instanceof ScalarNode s) {
      return isNull(s) ? "" : s.getValue();
    }
    throw new PositionedException(pos(file, n), "expected a string for " + what + ", found " + kind(n));
  }

  /** A boolean field; absent is false. */
  public boolean bool(String key) throws PositionedException {
    String s = str(key);
    if (s == null || s.isEmpty()) {
      return false;
    }
    return switch (s) {
      case "true", "True", "TRUE", "yes" -> true;
      case "false", "False", "FALSE", "no" -> false;
      default -> throw new PositionedException(pos(file, node(key)),
          "expected true or false for '" + key + "' in " + where + ", found '" + s + "'");
    };
  }

  /**
   * The list under {@code key}, empty when absent.
   *
   * @throws PositionedException when the value is not a list
   */
  public List<Node> list(String key) throws PositionedException {
    Node n = node(key);
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof SequenceNode s)) {
      throw new PositionedException(pos(file, n), "expected a list for '" + key + "' in " + where + ", found " + kind(n));
    }
    return Collections.unmodifiableList(s.getValue());
  }

  /** A list of strings under {@code key}. */
  public List<String> strList(String key) throws PositionedException {
    return textList(key).stream().map(t -> t.value()).toList();
  }

  /** A string-to-string mapping under {@code key}, in file order. */
  public Map<String, String> strMap(String key) throws PositionedException {
    Fields sub = sub(key, null);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : sub.keys()) {
      out.put(k, sub.str(k));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Puts each key's scalar into {@code values} and the key's place into {@code positions}, later over earlier. */
  void putStrings(Map<String, String> values, Map<String, SourcePos> positions) throws PositionedException {
    for (String k : keys()) {
      values.put(k, str(k));
      positions.put(k, keyPos(k));
    }
  }

  /** The mapping under {@code key} (empty when absent) restricted to {@code allowed} keys. */
  public Fields sub(String key, Collection<String> allowed) throws PositionedException {
    Node n = node(key);
    Fields f = of(doc, n, where.equals("recipe") ? key : where + "." + key, allowed);
    f.fallback = has(key) ? keyPos(key) : pos();
    return f;
  }

  /** The value under {@code key} as plain strings, lists and maps, for loosely typed blocks. */
  public Object loose(String key) {
    Node n = node(key);
    return n == null ? null : Loose.of(n);
  }
}
