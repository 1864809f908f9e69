package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML document into snakeyaml-engine nodes, which keep their marks, with limits
 * that make hostile input fail fast: alias expansion, nesting depth and size are capped.
 */
public final class Yaml {
  /** Largest accepted file, in bytes and in code points. */
  public static final int MAX_SIZE = 4 * 1024 * 1024;
  /** Deepest accepted nesting of mappings and sequences. */
  public static final int MAX_DEPTH = 64;
  /** Most aliases to collections in one document (billion laughs). */
  public static final int MAX_ALIASES = 50;
  /** Most values a document may hold once its aliases are expanded. */
  public static final long MAX_EXPANDED_NODES = 1_000_000;

  private Yaml() {}

  /**
   * Reads {@code file} as UTF-8 text within the size limit.
   *
   * @throws PkgbuildException when the file cannot be read or is too large
   */
  public static String read(Path file) throws PkgbuildException {
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw new PositionedException(SourcePos.of(file), "file is larger than " + MAX_SIZE + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw PkgbuildException.badInput(file + ": no such file");
    } catch (IOException e) {
      throw PkgbuildException.badInput(file + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Composes {@code text}, reporting errors against {@code file}.
   *
   * @throws PositionedException when the text is not one valid YAML document within the limits
   */
  public static Node compose(Path file, String text) throws PositionedException {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(file.toString())
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(MAX_ALIASES + 1)
        .setCodePointLimit(MAX_SIZE)
        // Every scalar is read as its source text, so implicit type resolution is wasted work.
        .setSchema(new org.snakeyaml.engine.v2.schema.FailsafeSchema())
        .build();
    try {
      Parser parser = new DepthLimitedParser(file,
          new ParserImpl(settings, new StreamReader(settings, text)));
      Optional<Node> node = new Composer(settings, parser).getSingleNode();
      if (node.isEmpty()) {
        throw new PositionedException(SourcePos.of(file), "empty document");
      }
      checkExpandedSize(file, node.get());
      return node.get();
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      SourcePos pos = m == null ? SourcePos.of(file) : new SourcePos(file, m.getLine() + 1, m.getColumn() + 1);
      throw new PositionedException(pos, "invalid yaml: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getContext()));
    } catch (DepthException e) {
      throw e.error;
    } catch (YamlEngineException e) {
      throw new PositionedException(SourcePos.of(file), "invalid yaml: " + firstLine(e.getMessage()));
    }
  }

  /** Aliases share nodes, so a small file can still expand to billions of values when walked. */
  private static void checkExpandedSize(Path file, Node root) throws PositionedException {
    long budget = MAX_EXPANDED_NODES;
    java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      if (--budget < 0) {
        throw new PositionedException(Fields.pos(file, root),
            "yaml expands to more than " + MAX_EXPANDED_NODES + " values (too many aliases)");
      }
      Node n = todo.pop();
      if (n instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s) {
        s.getValue().forEach(todo::push);
      } else if (n instanceof org.snakeyaml.engine.v2.nodes.MappingNode m) {
        m.getValue().forEach(t -> {
          todo.push(t.getKeyNode());
          todo.push(t.getValueNode());
        });
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable document";
    }
    String line = s.strip().split("\n", 2)[0];
    line = line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    return line.isEmpty() ? line : Character.toLowerCase(line.charAt(0)) + line.substring(1);
  }

  /** Carries a positioned error out of the composer, which only lets unchecked ones through. */
  private static final class DepthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient PositionedException error;

    DepthException(PositionedException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  /** The composer recurses per level, so depth is capped before it can overflow the stack. */
  private static final class DepthLimitedParser implements Parser {
    private final Path file;
    private final Parser inner;
    private final java.util.Set<String> collectionAnchors = new java.util.HashSet<>();
    private int depth;
    private int aliases;

    DepthLimitedParser(Path file, Parser inner) {
      this.file = file;
      this.inner = inner;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return inner.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
      return inner.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return inner.hasNext();
    }

    @Override
    public Event next() {
      Event e = inner.next();
      switch (e.getEventId()) {
        case MappingStart, SequenceStart -> {
          ((org.snakeyaml.engine.v2.events.NodeEvent) e).getAnchor().ifPresent(a -> collectionAnchors.add(a.getValue()));
          if (++depth > MAX_DEPTH) {
            throw fail(e, "yaml nested deeper than " + MAX_DEPTH + " levels");
          }
        }
        case MappingEnd, SequenceEnd -> depth--;
        case Alias -> {
          boolean collection = collectionAnchors.contains(((org.snakeyaml.engine.v2.events.AliasEvent) e).getAlias().getValue());
          if (collection && ++aliases > MAX_ALIASES) {
            throw fail(e, "more than " + MAX_ALIASES + " aliases to lists or mappings");
          }
        }
        default -> { }
      }
      return e;
    }

    private DepthException fail(Event e, String message) {
      Mark m = e.getStartMark().orElse(null);
      SourcePos pos = m == null ? SourcePos.of(file) : new SourcePos(file, m.getLine() + 1, m.getColumn() + 1);
      return new DepthException(new PositionedException(pos, message));
    }
  }
}
