package dev.pkgbuild.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image-spec content descriptor.
 *
 * @param mediaType what the blob is
 * @param digest {@code sha256:<hex>} of the blob's bytes
 * @param size the blob's length
 * @param platform for a manifest in an index, else null
 * @param annotations sorted; may be empty
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations) {
  /** The tag annotation skopeo and umoci select a manifest of a layout by. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** Copies the annotations, sorted. */
  public Descriptor {
    annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** The hex part of the digest: the blob's file name under {@code blobs/sha256/}. */
  public String hex() {
    return digest.substring(digest.indexOf(':') + 1);
  }

  /** This descriptor with one annotation added or replaced. */
  public Descriptor withAnnotation(String key, String value) {
    Map<String, String> a = new TreeMap<>(annotations);
    a.put(key, value);
    return new Descriptor(mediaType, digest, size, platform, a);
  }

  /** This descriptor with a platform. */
  public Descriptor withPlatform(Platform p) {
    return new Descriptor(mediaType, digest, size, p, annotations);
  }

  /** The JSON object, fields in the spec's order, empty ones left out. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mediaType", mediaType);
    m.put("digest", digest);
    m.put("size", size);
    if (platform != null) {
      m.put("platform", platform.json());
    }
    if (!annotations.isEmpty()) {
      m.put("annotations", annotations);
    }
    return m;
  }
}
