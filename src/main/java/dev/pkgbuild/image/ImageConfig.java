package dev.pkgbuild.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an image's config says besides its layers.
 *
 * @param apkArch the apk architecture ({@code x86_64}); {@link Platform#ofApkArch} names it for OCI
 * @param user {@code config.User}, a name or {@code uid[:gid]}, or null
 * @param env {@code K=V} entries, kept sorted by name ({@code A=1} before {@code A1=1})
 * @param entrypoint {@code config.Entrypoint}, may be empty
 * @param cmd {@code config.Cmd}, may be empty
 * @param workingDir {@code config.WorkingDir}, or null
 * @param annotations manifest annotations, also the config's {@code Labels}; sorted
 * @param created SOURCE_DATE_EPOCH in seconds: the config's and history's {@code created},
 *     the {@code org.opencontainers.image.created} annotation and every file's mtime
 */
public record ImageConfig(String apkArch, String user, List<String> env, List<String> entrypoint,
    List<String> cmd, String workingDir, Map<String, String> annotations, long created) {

  /** Copies the collections (null as empty), sorting {@code env} and {@code annotations}. */
  public ImageConfig {
    List<String> sorted = new ArrayList<>(env == null ? List.of() : env);
    sorted.sort(Comparator.comparing(ImageConfig::name).thenComparing(Comparator.naturalOrder()));
    env = List.copyOf(sorted);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
    if (created < 0) {
      throw new IllegalArgumentException("created " + created + " is before 1970");
    }
  }

  private static String name(String kv) {
    int eq = kv.indexOf('=');
    return eq < 0 ? kv : kv.substring(0, eq);
  }

  /** A config with only an architecture and a time: no user, environment or command. */
  public static ImageConfig minimal(String apkArch, long created) {
    return new ImageConfig(apkArch, null, List.of(), List.of(), List.of(), null, Map.of(), created);
  }
}
