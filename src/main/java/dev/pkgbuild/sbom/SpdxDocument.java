package dev.pkgbuild.sbom;

import dev.pkgbuild.io.Json;
import dev.pkgbuild.sbom.SbomInput.PipelineStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders one package's SPDX 2.3 JSON document. The same input always gives the same bytes:
 * creation time is SOURCE_DATE_EPOCH and the namespace is a hash of the content.
 */
public final class SpdxDocument {
  private SpdxDocument() {}

  /** The SPDX JSON document for {@code in}, UTF-8, two-space indented, newline-terminated. */
  public static byte[] generate(SbomInput in) {
    List<Map<String, Object>> packages = new ArrayList<>();
    List<Map<String, Object>> relationships = new ArrayList<>();
    Map<String, Object> main = SpdxPackages.main(in);
    String mainId = (String) main.get("SPDXID");
    packages.add(main);
    relationships.add(rel("SPDXRef-DOCUMENT", "DESCRIBES", mainId));
    Map<String, Object> recipe = SpdxPackages.recipe(in.recipe());
    add(packages, relationships, recipe, mainId, "GENERATED_FROM", true);
    for (int i = 0; i < in.sources().size(); i++) {
      add(packages, relationships, SpdxPackages.source(in.sources().get(i), i + 1), mainId, "GENERATED_FROM", true);
    }
    steps(in.steps(), null, mainId, packages, relationships);
    if (!in.environment().runner().isEmpty()) {
      add(packages, relationships, SpdxPackages.runner(in.environment().runner()), mainId, "BUILD_TOOL_OF", false);
    }
    for (String atom : new TreeSet<>(in.environment().packages())) {
      Map<String, Object> p = in.environment().installed()
          ? SpdxPackages.installed("Env", in.namespace(), atom, in.arch(), "installed in the build environment")
          : SpdxPackages.hostPackage(in.namespace(), atom, in.arch());
      add(packages, relationships, p, mainId, "BUILD_DEPENDENCY_OF", false);
    }
    for (String nv : new TreeSet<>(in.environment().tested())) {
      add(packages, relationships, SpdxPackages.installed("Test", in.namespace(), nv, in.arch(),
          "installed in the test environment that passed"), mainId, "TEST_DEPENDENCY_OF", false);
    }
    Map<String, Object> doc = document(in, packages, relationships);
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  /** Adds a package and its relationship to the main package, pointing either way. */
  private static void add(List<Map<String, Object>> packages, List<Map<String, Object>> rels,
      Map<String, Object> p, String mainId, String type, boolean fromMain) {
    packages.add(p);
    String id = (String) p.get("SPDXID");
    rels.add(fromMain ? rel(mainId, type, id) : rel(id, type, mainId));
  }

  /** Every step, nested ones too (melange#1585), each a build tool of the package and part of its parent. */
  private static void steps(List<PipelineStep> steps, String parentId, String mainId,
      List<Map<String, Object>> packages, List<Map<String, Object>> rels) {
    for (PipelineStep s : steps) {
      Map<String, Object> p = SpdxPackages.step(s);
      add(packages, rels, p, mainId, "BUILD_TOOL_OF", false);
      if (parentId != null) {
        rels.add(rel(parentId, "CONTAINS", (String) p.get("SPDXID")));
      }
      steps(s.steps(), (String) p.get("SPDXID"), mainId, packages, rels);
    }
  }

  private static Map<String, Object> document(SbomInput in, List<Map<String, Object>> packages,
      List<Map<String, Object>> relationships) {
    return document("apk-" + in.name() + "-" + in.fullVersion(), in.name() + "-" + in.fullVersion(),
        in.sourceDateEpoch(), in.toolVersion(), List.of(), packages, relationships);
  }

  /**
   * A whole document around {@code packages}: creation info from the epoch and tool, and a
   * namespace {@code …/pkgbuild/<stem>-<sha256 of the content>}, unique per content and stable
   * across runs.
   *
   * @param externals {@code externalDocumentRefs}, left out when empty
   */
  static Map<String, Object> document(String name, String namespaceStem, long epoch, String toolVersion,
      List<Map<String, Object>> externals, List<Map<String, Object>> packages,
      List<Map<String, Object>> relationships) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    doc.put("name", name);
    doc.put("spdxVersion", "SPDX-2.3");
    Map<String, Object> creation = new LinkedHashMap<>();
    creation.put("created", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epoch)));
    creation.put("creators", List.of("Tool: pkgbuild-" + toolVersion));
    doc.put("creationInfo", creation);
    doc.put("dataLicense", "CC0-1.0");
    doc.put("documentNamespace", "");
    if (!externals.isEmpty()) {
      doc.put("externalDocumentRefs", externals);
    }
    doc.put("packages", packages);
    doc.put("relationships", relationships);
    doc.put("documentNamespace", "https://spdx.org/spdxdocs/pkgbuild/" + namespaceStem + "-" + sha256(Json.write(doc)));
    return doc;
  }

  static Map<String, Object> rel(String from, String type, String to) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("spdxElementId", from);
    r.put("relationshipType", type);
    r.put("relatedSpdxElement", to);
    return r;
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
