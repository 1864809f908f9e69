package dev.pkgbuild.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pkgbuild.sbom.SbomInput.BuildEnvironment;
import dev.pkgbuild.sbom.SbomInput.PipelineStep;
import dev.pkgbuild.sbom.SbomInput.RecipeFile;
import dev.pkgbuild.sbom.SbomInput.Source;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpdxDocumentTest {
  static final String SHA256 = "c3e5e9fdd5004dcb542feda5ee4f0ff0744628baf8ed2dd5d66f8ca1197cb1a1";
  static final String SHA512 = "a".repeat(128);

  static SbomInput input(String namespace, List<String> licenses) {
    List<PipelineStep> steps = List.of(
        new PipelineStep("1", "fetch", "", List.of()),
        new PipelineStep("2", "autoconf/make", "build it", List.of(new PipelineStep("2.1", "", "make", List.of()))),
        new PipelineStep("3", "", "install", List.of()));
    return new SbomInput("hello", "2.12.1", 3, "x86_64", namespace, licenses,
        List.of(Source.fetch("https://ftp.gnu.org/gnu/hello/hello-2.12.1.tar.gz", SHA256, SHA512),
            Source.git("https://github.com/example/extra.git", "0123456789abcdef0123456789abcdef01234567")),
        new RecipeFile("recipes/hello.yaml", SHA256), steps,
        new BuildEnvironment("bubblewrap", List.of("busybox", "build-base", "ca-certificates-bundle=2024")),
        1700000000L, "0.1.0");
  }

  static JsonNode parse(byte[] bytes) throws Exception {
    return new ObjectMapper().readTree(bytes);
  }

  /**
   * Validates against the official schema (spdx-spec tag v2.3), plus the SPDXID pattern that
   * later 2.3.x schemas add and the v2.3 file lacks.
   */
  static Set<ValidationMessage> validate(byte[] doc) throws Exception {
    Set<ValidationMessage> errors = new java.util.HashSet<>();
    try (InputStream schema = SpdxDocumentTest.class.getResourceAsStream("/spdx/spdx-schema-2.3.json")) {
      errors.addAll(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema).validate(parse(doc)));
    }
    for (JsonNode p : parse(doc).get("packages")) {
      if (!p.get("SPDXID").asText().matches("SPDXRef-[a-zA-Z0-9.-]+")) {
        errors.add(ValidationMessage.builder().message("bad SPDXID " + p.get("SPDXID")).build());
      }
    }
    return errors;
  }

  @Test
  void generate_fullInput_validatesAgainstOfficialSpdx23Schema() throws Exception {
    assertEquals(Set.of(), validate(SpdxDocument.generate(input("wolfi", List.of("GPL-3.0-or-later")))));
    assertEquals(Set.of(), validate(SpdxDocument.generate(input("unknown", List.of()))));
  }

  @Test
  void validate_brokenDocument_isRejectedBySchema() throws Exception {
    String doc = new String(SpdxDocument.generate(input("wolfi", List.of("MIT"))));
    assertFalse(validate(doc.replace("\"SPDXRef-Package-", "\"bad id ").getBytes()).isEmpty());
    assertFalse(validate(doc.replace("\"DESCRIBES\"", "\"DESCRIBED_AS_NOTHING\"").getBytes()).isEmpty());
    assertFalse(validate(doc.replace("\"filesAnalyzed\": false", "\"filesAnalyzed\": \"no\"").getBytes()).isEmpty());
    assertFalse(validate(doc.replace("\"creationInfo\": {", "\"creationInfo\": {\"bogus\": 1,").getBytes()).isEmpty());
  }

  @Test
  void generate_sameInputTwice_sameBytesAndInputChangesNamespace() {
    byte[] a = SpdxDocument.generate(input("wolfi", List.of("MIT")));
    assertArrayEquals(a, SpdxDocument.generate(input("wolfi", List.of("MIT"))));
    byte[] b = SpdxDocument.generate(input("wolfi", List.of("Apache-2.0")));
    assertNotEquals(namespace(a), namespace(b));
  }

  private static String namespace(byte[] doc) {
    try {
      return parse(doc).get("documentNamespace").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void generate_mainPackage_hasVersionSupplierPurlLicenseAndCreationTime() throws Exception {
    JsonNode doc = parse(SpdxDocument.generate(input("wolfi", List.of("GPL-3.0-or-later", "MIT OR BSD-2-Clause"))));
    assertEquals("2023-11-14T22:13:20Z", doc.at("/creationInfo/created").asText());
    JsonNode main = doc.at("/packages/0");
    assertEquals("hello", main.get("name").asText());
    assertEquals("2.12.1-r3", main.get("versionInfo").asText());
    assertEquals("Organization: wolfi", main.get("supplier").asText());
    assertEquals("GPL-3.0-or-later AND (MIT OR BSD-2-Clause)", main.get("licenseDeclared").asText());
    assertEquals("pkg:apk/wolfi/hello@2.12.1-r3?arch=x86_64&distro=wolfi",
        main.at("/externalRefs/0/referenceLocator").asText());
    JsonNode bare = parse(SpdxDocument.generate(input("unknown", List.of()))).at("/packages/0");
    assertEquals("NOASSERTION", bare.get("licenseDeclared").asText());
    assertEquals("pkg:apk/unknown/hello@2.12.1-r3?arch=x86_64", bare.at("/externalRefs/0/referenceLocator").asText());
  }

  @Test
  void generate_fetchedSource_namedWithDownloadLocationAndChecksums() throws Exception {
    JsonNode doc = parse(SpdxDocument.generate(input("wolfi", List.of())));
    JsonNode src = find(doc, "hello-2.12.1.tar.gz");
    assertEquals("https://ftp.gnu.org/gnu/hello/hello-2.12.1.tar.gz", src.get("downloadLocation").asText());
    assertEquals("SHA256", src.at("/checksums/0/algorithm").asText());
    assertEquals(SHA256, src.at("/checksums/0/checksumValue").asText());
    assertEquals("SHA512", src.at("/checksums/1/algorithm").asText());
    assertTrue(related(doc, "GENERATED_FROM").contains(src.get("SPDXID").asText()));
    JsonNode git = find(doc, "extra");
    assertEquals("pkg:github/example/extra@0123456789abcdef0123456789abcdef01234567",
        git.at("/externalRefs/0/referenceLocator").asText());
    assertEquals(SHA256, find(doc, "hello.yaml").at("/checksums/0/checksumValue").asText());
  }

  @Test
  void generate_nestedPipelineSteps_allPresentWithParentLinks() throws Exception {
    JsonNode doc = parse(SpdxDocument.generate(input("wolfi", List.of())));
    List<String> tools = related(doc, "BUILD_TOOL_OF");
    for (String id : List.of("SPDXRef-Step-1", "SPDXRef-Step-2", "SPDXRef-Step-2.1", "SPDXRef-Step-3")) {
      assertTrue(tools.contains(id), id + " in " + tools);
    }
    assertTrue(related(doc, "CONTAINS").contains("SPDXRef-Step-2.1"));
    assertTrue(related(doc, "BUILD_DEPENDENCY_OF").contains("SPDXRef-Env-build-base"));
    assertEquals("2024", find(doc, "ca-certificates-bundle").get("versionInfo").asText());
  }

  static JsonNode find(JsonNode doc, String name) {
    for (JsonNode p : doc.get("packages")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no package " + name);
  }

  /** Both ends of every relationship of {@code type} that does not involve the main package's own id. */
  static List<String> related(JsonNode doc, String type) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : doc.get("relationships")) {
      if (r.get("relationshipType").asText().equals(type)) {
        out.add(r.get("spdxElementId").asText());
        out.add(r.get("relatedSpdxElement").asText());
      }
    }
    return out;
  }

  @Test
  void pathInPackage_followsMelangeLayout() {
    assertEquals("var/lib/db/sbom/hello-2.12.1-r3.spdx.json", input("wolfi", List.of()).pathInPackage());
  }
}
