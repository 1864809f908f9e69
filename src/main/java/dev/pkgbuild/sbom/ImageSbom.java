package dev.pkgbuild.sbom;

import dev.pkgbuild.io.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image's SPDX 2.3 document: the image, and every installed package CONTAINED in it with
 * its version, license and apk purl, each pointing at the package's own SBOM in the image.
 */
public final class ImageSbom {
  /**
   * One installed package, as the installed database records it.
   *
   * @param sbom the package's own SPDX document in the image, or null when it has none
   */
  public record Installed(String name, String version, String license, String arch, String origin, byte[] sbom) {}

  private ImageSbom() {}

  /**
   * The document of image {@code name} for {@code arch}.
   *
   * @param namespace the purl namespace of the packages (e.g. wolfi), "unknown" when unset
   * @param epoch the image's creation time, seconds
   */
  public static byte[] generate(String name, String arch, String namespace, List<Installed> packages, long epoch,
      String toolVersion) {
    List<Map<String, Object>> pkgs = new ArrayList<>();
    List<Map<String, Object>> rels = new ArrayList<>();
    List<Map<String, Object>> externals = new ArrayList<>();
    String imageId = SpdxPackages.id("Image", name + "-" + arch);
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("SPDXID", imageId);
    image.put("name", name);
    image.put("downloadLocation", SpdxPackages.NOASSERTION);
    image.put("filesAnalyzed", false);
    image.put("primaryPackagePurpose", "CONTAINER");
    pkgs.add(image);
    rels.add(SpdxDocument.rel("SPDXRef-DOCUMENT", "DESCRIBES", imageId));
    for (Installed p : packages) {
      String id = SpdxPackages.id("Package", p.name() + "-" + p.version());
      pkgs.add(SpdxPackages.installed(id, namespace, p.name(), p.version(), p.arch(),
          p.license() == null ? "" : p.license(), "installed from its APK; its own SBOM, when it has one: "
              + "/var/lib/db/sbom/" + p.name() + "-" + p.version() + ".spdx.json"));
      rels.add(SpdxDocument.rel(imageId, "CONTAINS", id));
      String namespaceOf = p.sbom() == null ? null : documentNamespace(p.sbom());
      if (namespaceOf != null) {
        // the package's own document, by reference: its namespace and the SHA-1 of its bytes
        String docRef = "DocumentRef-" + id.substring("SPDXRef-".length());
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("externalDocumentId", docRef);
        ext.put("spdxDocument", namespaceOf);
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("algorithm", "SHA1");
        sum.put("checksumValue", sha1Hex(p.sbom()));
        ext.put("checksum", sum);
        externals.add(ext);
        rels.add(SpdxDocument.rel(id, "DESCRIBED_BY", docRef + ":SPDXRef-DOCUMENT"));
      }
    }
    String docName = "image-" + name + "-" + arch;
    Map<String, Object> doc = SpdxDocument.document(docName, docName, epoch, toolVersion, externals, pkgs, rels);
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code documentNamespace} of an SPDX JSON document, or null when it is not one. */
  private static String documentNamespace(byte[] json) {
    try {
      Object doc = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder()
          .setMaxAliasesForCollections(0).build()).loadFromString(new String(json, StandardCharsets.UTF_8));
      return doc instanceof Map<?, ?> m && m.get("documentNamespace") instanceof String ns && !ns.isEmpty() ? ns : null;
    } catch (RuntimeException e) {
      return null; // a package's own document that does not parse is not referenced
    }
  }

  private static String sha1Hex(byte[] data) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-1", e);
    }
  }
}
