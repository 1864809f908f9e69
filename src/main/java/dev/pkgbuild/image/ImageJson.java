package dev.pkgbuild.image;

import dev.pkgbuild.io.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The config, manifest and index documents; keys in the image-spec's order, empty fields left out. */
final class ImageJson {
  /** Set on the manifest unless the caller gives its own. */
  static final String CREATED = "org.opencontainers.image.created";

  private ImageJson() {}

  static byte[] config(ImageConfig c, Platform p, List<String> diffIds) {
    String created = rfc3339(c.created());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", created);
    m.put("architecture", p.architecture());
    if (p.variant() != null) {
      m.put("variant", p.variant());
    }
    m.put("os", p.os());
    Map<String, Object> run = new LinkedHashMap<>();
    putText(run, "User", c.user());
    putList(run, "Env", c.env());
    putList(run, "Entrypoint", c.entrypoint());
    putList(run, "Cmd", c.cmd());
    putText(run, "WorkingDir", c.workingDir());
    if (!c.annotations().isEmpty()) {
      run.put("Labels", c.annotations());
    }
    if (!run.isEmpty()) {
      m.put("config", run);
    }
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", diffIds);
    m.put("rootfs", rootfs);
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("created", created);
    step.put("created_by", "pkgbuild");
    m.put("history", diffIds.stream().map(d -> step).toList());
    return bytes(m);
  }

  static byte[] manifest(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.MANIFEST);
    m.put("config", config.json());
    m.put("layers", layers.stream().map(Descriptor::json).toList());
    if (!annotations.isEmpty()) {
      m.put("annotations", annotations);
    }
    return bytes(m);
  }

  static byte[] index(List<Descriptor> manifests, Map<String, String> annotations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.INDEX);
    m.put("manifests", manifests.stream().map(Descriptor::json).toList());
    if (!annotations.isEmpty()) {
      m.put("annotations", annotations);
    }
    return bytes(m);
  }

  static byte[] layoutMarker() {
    return bytes(Map.of("imageLayoutVersion", "1.0.0"));
  }

  /** RFC 3339 in UTC, seconds always written: {@code 2024-01-02T03:04:05Z}. */
  static String rfc3339(long seconds) {
    return Instant.ofEpochSecond(seconds).toString();
  }

  static byte[] bytes(Object doc) {
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  private static void putText(Map<String, Object> m, String key, String v) {
    if (v != null && !v.isEmpty()) {
      m.put(key, v);
    }
  }

  private static void putList(Map<String, Object> m, String key, List<String> v) {
    if (!v.isEmpty()) {
      m.put(key, v);
    }
  }
}
