package dev.pkgbuild.recipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Converts a node to plain immutable strings, lists and maps (for blocks we store, not use). */
final class Loose {
  private Loose() {}

  static Object of(Node n) {
    if (n instanceof ScalarNode s) {
      return Fields.isNull(s) ? "" : s.getValue();
    }
    if (n instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        out.add(of(item));
      }
      return Collections.unmodifiableList(out);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) n).getValue()) {
      out.put(String.valueOf(of(t.getKeyNode())), of(t.getValueNode()));
    }
    return Collections.unmodifiableMap(out);
  }
}
