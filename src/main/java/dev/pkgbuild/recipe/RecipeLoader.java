package dev.pkgbuild.recipe;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.diag.PositionedException;
import dev.pkgbuild.diag.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads a melange recipe file into a {@link Recipe}, rejecting anything melange would. */
public final class RecipeLoader {
  static final Set<String> TOP_KEYS = Set.of("package", "environment", "capabilities", "pipeline",
      "subpackages", "data", "update", "vars", "var-transforms", "options", "test");
  static final Set<String> PACKAGE_KEYS = Set.of("name", "version", "epoch", "description", "annotations", "url",
      "commit", "target-architecture", "copyright", "dependencies", "options", "scriptlets", "checks", "cpe",
      "setcap", "timeout", "resources", "test-resources");
  static final Set<String> SUBPACKAGE_KEYS = Set.of("if", "range", "name", "pipeline", "dependencies", "options",
      "scriptlets", "description", "annotations", "url", "commit", "checks", "test", "setcap");
  static final Set<String> RESOURCE_KEYS = Set.of("cpu", "cpumodel", "memory", "disk");
  static final Set<String> CPE_KEYS = Set.of("part", "vendor", "product", "edition", "language", "sw_edition",
      "target_sw", "target_hw", "other");

  private RecipeLoader() {}

  /**
   * Loads {@code file}.
   *
   * @throws PkgbuildException when the file is unreadable, not YAML, or not a valid recipe
   */
  public static Recipe load(Path file) throws PkgbuildException {
    String text = Yaml.read(file);
    Document doc = new Document(file, text);
    Fields top = Fields.of(doc, Yaml.compose(file, text), "recipe", TOP_KEYS);
    if (!top.has("package")) {
      throw new PositionedException(top.pos(), "missing 'package' block");
    }
    Map<String, String> varValues = new LinkedHashMap<>();
    Map<String, SourcePos> varPos = new HashMap<>();
    top.sub("vars", null).putStrings(varValues, varPos);
    List<SubpackageSpec> subs = new ArrayList<>();
    for (Node n : top.list("subpackages")) {
      subs.add(subpackage(top.at(n, "subpackage", SUBPACKAGE_KEYS)));
    }
    return new Recipe(file, pkg(top.sub("package", PACKAGE_KEYS)), SpecReader.environment(top, "environment"),
        varValues, varPos, transforms(top), data(top), SpecReader.steps(top, "pipeline"), subs,
        SpecReader.test(top), top.loose("update"), capabilities(top), options(top));
  }

  /**
   * Reads a pipeline definition: one step with {@code name}, {@code inputs} and {@code needs}.
   *
   * @param file the name used in messages
   * @param text the YAML text
   * @throws PkgbuildException when the text is not a valid pipeline definition
   */
  public static StepSpec loadPipeline(Path file, String text) throws PkgbuildException {
    return SpecReader.step(Fields.of(new Document(file, text), Yaml.compose(file, text), "pipeline",
        SpecReader.STEP_KEYS));
  }

  private static PackageSpec pkg(Fields p) throws PositionedException {
    Text name = PackageChecks.name(required(p, "name"));
    Text version = PackageChecks.version(required(p, "version"));
    int epoch = PackageChecks.epoch(p.text("epoch"));
    PackageChecks.fileName(name.value(), version.value() + "-r" + epoch, name);
    List<Copyright> copyright = new ArrayList<>();
    for (Node n : p.list("copyright")) {
      Fields c = p.at(n, "copyright entry",
          Set.of("paths", "attestation", "license", "license-path", "detection-override"));
      copyright.add(new Copyright(c.str("license", ""), c.str("license-path"), c.strList("paths"),
          c.str("attestation"), c.pos()));
    }
    return new PackageSpec(name, version, epoch, p.str("description", ""), p.str("url", ""), p.str("commit", ""),
        copyright, SpecReader.dependencies(p), SpecReader.options(p), SpecReader.scriptlets(p),
        SpecReader.disabledChecks(p), p.strList("target-architecture"),
        resources(p, "resources"), resources(p, "test-resources"),
        p.strMap("annotations"), cpe(p), p.loose("setcap"), p.str("timeout"), p.pos());
  }

  private static Map<String, String> resources(Fields p, String key) throws PositionedException {
    Fields r = p.sub(key, RESOURCE_KEYS);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : r.keys()) {
      out.put(k, r.str(k));
    }
    return out;
  }

  private static Map<String, String> cpe(Fields p) throws PositionedException {
    Fields c = p.sub("cpe", CPE_KEYS);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : c.keys()) {
      out.put(k, c.str(k));
    }
    return out;
  }

  private static Text required(Fields f, String key) throws PositionedException {
    Text s = f.text(key);
    if (s == null || s.value().isBlank()) {
      throw new PositionedException(f.has(key) ? f.keyPos(key) : f.pos(), "missing '" + key + "' in package");
    }
    return s;
  }

  private static SubpackageSpec subpackage(Fields s) throws PositionedException {
    Text name = s.text("name");
    if (name == null || name.value().isBlank()) {
      throw new PositionedException(s.pos(), "missing 'name' in subpackage");
    }
    String range = s.str("range");
    return new SubpackageSpec(name, range == null || range.isEmpty() ? null : range, s.text("if"), s.str("description", ""), s.str("url", ""),
        s.str("commit", ""), SpecReader.dependencies(s), SpecReader.options(s), SpecReader.scriptlets(s),
        SpecReader.disabledChecks(s), s.strMap("annotations"), s.loose("setcap"), SpecReader.steps(s, "pipeline"),
        SpecReader.test(s), s.pos());
  }

  private static List<VarTransform> transforms(Fields top) throws PositionedException {
    List<VarTransform> out = new ArrayList<>();
    for (Node n : top.list("var-transforms")) {
      Fields t = top.at(n, "var-transforms entry", Set.of("from", "match", "replace", "to"));
      for (String k : List.of("from", "match", "replace", "to")) {
        if (!t.has(k)) {
          throw new PositionedException(t.pos(), "missing '" + k + "' in var-transforms entry");
        }
      }
      out.add(new VarTransform(t.text("from"), t.str("match"), t.str("replace"), t.str("to"), t.pos(),
          Fields.pos(top.file(), t.node("match") == null ? n : t.node("match"))));
    }
    return out;
  }

  private static Map<String, DataSet> data(Fields top) throws PositionedException {
    Map<String, DataSet> out = new LinkedHashMap<>();
    for (Node n : top.list("data")) {
      Fields d = top.at(n, "data entry", Set.of("name", "items"));
      String name = d.str("name", "");
      if (out.containsKey(name)) {
        throw new PositionedException(d.pos(), "duplicate data name '" + name + "'");
      }
      out.put(name, new DataSet(name, d.strMap("items"), d.pos()));
    }
    return out;
  }

  /** The build options, each checked down to its package lists; none is applied here. */
  private static Map<String, BuildOption> options(Fields top) throws PositionedException {
    Fields all = top.sub("options", null);
    Map<String, BuildOption> out = new LinkedHashMap<>();
    for (String name : all.keys()) {
      Fields o = all.sub(name, Set.of("vars", "environment"));
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, SourcePos> pos = new HashMap<>();
      o.sub("vars", null).putStrings(values, pos);
      Fields packages = o.sub("environment", Set.of("contents")).sub("contents", Set.of("packages"))
          .sub("packages", Set.of("add", "remove"));
      out.put(name, new BuildOption(name, values, pos, packages.textList("add"), packages.textList("remove"),
          all.keyPos(name)));
    }
    return out;
  }

  private static Object capabilities(Fields top) throws PositionedException {
    Fields c = top.sub("capabilities", Set.of("add", "drop"));
    c.strList("add");
    c.strList("drop");
    return top.loose("capabilities");
  }
}
