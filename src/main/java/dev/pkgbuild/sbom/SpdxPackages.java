package dev.pkgbuild.sbom;

import dev.pkgbuild.sbom.SbomInput.PipelineStep;
import dev.pkgbuild.sbom.SbomInput.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the SPDX package objects of a document as ordered maps. */
final class SpdxPackages {
  static final String NOASSERTION = "NOASSERTION";

  private SpdxPackages() {}

  static String id(String kind, String name) {
    return "SPDXRef-" + kind + "-" + name.replaceAll("[^A-Za-z0-9.-]", "-");
  }

  private static Map<String, Object> base(String id, String name, String version, String download) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("SPDXID", id);
    p.put("name", name);
    if (!version.isEmpty()) {
      p.put("versionInfo", version);
    }
    p.put("downloadLocation", download);
    p.put("filesAnalyzed", false);
    return p;
  }

  private static Map<String, Object> purl(String locator) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("referenceCategory", "PACKAGE-MANAGER");
    ref.put("referenceType", "purl");
    ref.put("referenceLocator", locator);
    return ref;
  }

  private static Map<String, Object> checksum(String algorithm, String hex) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("algorithm", algorithm);
    c.put("checksumValue", hex.toLowerCase(java.util.Locale.ROOT));
    return c;
  }

  static Map<String, Object> main(SbomInput in) {
    Map<String, Object> p = base(id("Package", in.name() + "-" + in.fullVersion()), in.name(), in.fullVersion(),
        NOASSERTION);
    String supplier = in.namespace().equals("unknown") ? NOASSERTION : "Organization: " + in.namespace();
    p.put("supplier", supplier);
    p.put("originator", supplier);
    p.put("licenseConcluded", NOASSERTION);
    p.put("licenseDeclared", license(in.licenses()));
    p.put("copyrightText", NOASSERTION);
    p.put("externalRefs", List.of(purl(Purls.apk(in.namespace(), in.name(), in.fullVersion(), in.arch()))));
    p.put("primaryPackagePurpose", "INSTALL");
    return p;
  }

  /** The copyright licenses joined with AND; compound ones are parenthesized. */
  static String license(List<String> licenses) {
    List<String> parts = new ArrayList<>();
    for (String l : licenses) {
      String t = l.strip();
      if (!t.isEmpty()) {
        parts.add(t.contains(" ") && licenses.size() > 1 ? "(" + t + ")" : t);
      }
    }
    return parts.isEmpty() ? NOASSERTION : String.join(" AND ", parts);
  }

  static Map<String, Object> recipe(SbomInput.RecipeFile r) {
    String file = r.path().substring(r.path().lastIndexOf('/') + 1);
    Map<String, Object> p = base(id("Recipe", file), file, "", NOASSERTION);
    if (!r.sha256().isEmpty()) {
      p.put("checksums", List.of(checksum("SHA256", r.sha256())));
    }
    p.put("comment", "build recipe " + r.path());
    p.put("primaryPackagePurpose", "FILE");
    return p;
  }

  static Map<String, Object> source(Source s, int index) {
    String loc = s.location();
    String name = loc.replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\.git$", "");
    String id = id("Source", index + "-" + name);
    if (s.git()) {
      Map<String, Object> p = base(id, name, s.commit(), "git+" + loc + (s.commit().isEmpty() ? "" : "@" + s.commit()));
      p.put("externalRefs", List.of(purl(gitPurl(loc, name, s.commit()))));
      p.put("primaryPackagePurpose", "SOURCE");
      return p;
    }
    Map<String, Object> p = base(id, name, "", loc);
    List<Object> sums = new ArrayList<>();
    String qualifiers = "";
    if (!s.sha256().isEmpty()) {
      sums.add(checksum("SHA256", s.sha256()));
      qualifiers = "checksum=sha256:" + s.sha256().toLowerCase(java.util.Locale.ROOT) + "&";
    }
    if (!s.sha512().isEmpty()) {
      sums.add(checksum("SHA512", s.sha512()));
    }
    if (!sums.isEmpty()) {
      p.put("checksums", sums);
    }
    p.put("externalRefs", List.of(purl(Purls.generic(name, "", qualifiers + "download_url=" + Purls.enc(loc)))));
    p.put("primaryPackagePurpose", "SOURCE");
    return p;
  }

  private static String gitPurl(String url, String name, String commit) {
    String at = commit.isEmpty() ? "" : "@" + Purls.enc(commit);
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("^https?://(github\\.com|gitlab\\.com)/([^/]+)/([^/]+?)(\\.git)?/?$").matcher(url);
    if (m.matches()) {
      String type = m.group(1).startsWith("github") ? "github" : "gitlab";
      return "pkg:" + type + "/" + Purls.enc(m.group(2)) + "/" + Purls.enc(m.group(3)) + at;
    }
    return "pkg:generic/" + Purls.enc(name) + at + "?vcs_url=" + Purls.enc("git+" + url + at.replace("%", "%25"));
  }

  static Map<String, Object> step(PipelineStep s) {
    String label = s.uses().isEmpty() ? "runs" : s.uses();
    Map<String, Object> p = base(id("Step", s.id()), label, "", NOASSERTION);
    p.put("comment", "pipeline step " + s.id() + (s.name().isEmpty() ? "" : " (" + s.name() + ")")
        + (s.uses().isEmpty() ? ": inline runs" : ": uses " + s.uses()));
    p.put("primaryPackagePurpose", "OTHER");
    return p;
  }

  static Map<String, Object> runner(String runner) {
    Map<String, Object> p = base(id("Runner", runner), runner, "", NOASSERTION);
    p.put("comment", "build runner");
    p.put("primaryPackagePurpose", "APPLICATION");
    return p;
  }

  static Map<String, Object> hostPackage(String namespace, String atom, String arch) {
    String name = atom.split("[=<>~]", 2)[0];
    String version = atom.length() > name.length() ? atom.substring(name.length()).replaceFirst("^[=<>~]+", "") : "";
    Map<String, Object> p = base(id("Env", atom), name, version, NOASSERTION);
    p.put("externalRefs", List.of(purl(Purls.apk(namespace, name, version, arch))));
    p.put("comment", "host package assumed for environment.contents.packages: " + atom);
    p.put("primaryPackagePurpose", "INSTALL");
    return p;
  }

  /** A package of an installed environment, given as {@code name-version}. */
  static Map<String, Object> installed(String kind, String namespace, String nameVersion, String arch,
      String comment) {
    dev.pkgbuild.apk.NameVersion nv = dev.pkgbuild.apk.NameVersion.parse(nameVersion)
        .orElse(new dev.pkgbuild.apk.NameVersion(nameVersion, ""));
    return installed(id(kind, nameVersion), namespace, nv.name(), nv.version(), arch, null, comment);
  }

  /**
   * An installed APK with its apk purl; {@code license} null leaves the license fields out (a build
   * environment's packages), else NOASSERTION stands in for a blank one.
   */
  static Map<String, Object> installed(String id, String namespace, String name, String version, String arch,
      String license, String comment) {
    Map<String, Object> p = base(id, name, version, NOASSERTION);
    if (license != null) {
      p.put("licenseConcluded", NOASSERTION);
      p.put("licenseDeclared", license.isBlank() ? NOASSERTION : license);
      p.put("copyrightText", NOASSERTION);
    }
    p.put("externalRefs", List.of(purl(Purls.apk(namespace, name, version, arch))));
    p.put("comment", comment);
    p.put("primaryPackagePurpose", "INSTALL");
    return p;
  }

}
