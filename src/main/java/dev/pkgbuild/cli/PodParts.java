package dev.pkgbuild.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * What an Argo task and a Job share: the pkgbuild container, its volumes, the security settings
 * the sandbox needs (docs/scale.md), and the YAML they are written as.
 */
final class PodParts {
  static final String CONTAINER = "main";

  private PodParts() {}

  /** The container building {@code recipe}: {@code pkgbuild build RECIPE -r REPO --out-dir REPO}. */
  static Map<String, Object> build(ClusterOptions o, String recipe, Map<String, String> requests) {
    List<String> args = new ArrayList<>(List.of("build", recipe, "--arch", o.arch().apkName()));
    args.addAll(o.forwarded());
    args.addAll(List.of("-r", o.repository(), "--out-dir", o.repository(), "--keys-dir", ClusterOptions.KEYS));
    List<Map<String, Object>> mounts = new ArrayList<>();
    mounts.add(mount("signing-key", ClusterOptions.KEYS));
    return container(o, ClusterOptions.WORKDIR, args, requests, mounts);
  }

  /**
   * The container of the final task: {@code pkgbuild index REPO --rebuild} in a folder whose
   * keys/ is the release Secret, so the one key there signs the new index.
   */
  static Map<String, Object> signIndex(ClusterOptions o) {
    List<Map<String, Object>> mounts = new ArrayList<>();
    mounts.add(mount("release-key", ClusterOptions.RELEASE + "/keys"));
    return container(o, ClusterOptions.RELEASE, List.of("index", o.repository(), "--rebuild"), Map.of(), mounts);
  }

  /** A build pod's volumes: the signing Secret and, when given, the repository's claim. */
  static List<Object> volumes(ClusterOptions o) {
    List<Object> out = new ArrayList<>();
    out.add(map("name", "signing-key", "secret", map("secretName", o.signingSecret())));
    claim(o, out);
    return out;
  }

  /** The final task's volumes: only it sees the release Secret. */
  static List<Object> releaseVolumes(ClusterOptions o) {
    List<Object> out = new ArrayList<>();
    out.add(map("name", "release-key", "secret", map("secretName", o.releaseSecret())));
    claim(o, out);
    return out;
  }

  private static void claim(ClusterOptions o, List<Object> out) {
    if (o.claim() != null) {
      out.add(map("name", "repository", "persistentVolumeClaim", map("claimName", o.claim())));
    }
  }

  /** Pods go to nodes of the plan's architecture: the sandbox runs the build natively. */
  static Map<String, Object> nodeSelector(ClusterOptions o) {
    return map("kubernetes.io/arch", o.arch().goName());
  }

  /**
   * bubblewrap makes user, mount and pid namespaces and mounts a new /proc: the default seccomp
   * and AppArmor profiles refuse the first and the runtime's masked /proc the last. Unmasked
   * proc needs the pod in its own user namespace ({@code hostUsers: false}), which also keeps
   * the container's root unprivileged on the node; nothing here is privileged.
   */
  static Map<String, Object> securityContext() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("privileged", false);
    m.put("allowPrivilegeEscalation", false);
    m.put("procMount", "Unmasked");
    m.put("seccompProfile", map("type", "Unconfined"));
    m.put("appArmorProfile", map("type", "Unconfined"));
    return m;
  }

  /** Documents as YAML, separated by {@code ---}, after {@code header} (comment lines). */
  static String yaml(String header, List<?> documents) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(120)
        .setExplicitStart(true).build();
    return header + new Dump(settings).dumpAllToString(documents.iterator());
  }

  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> container(ClusterOptions o, String workDir, List<String> args,
      Map<String, String> requests, List<Map<String, Object>> mounts) {
    if (o.claim() != null && o.isPath()) {
      mounts.add(map("name", "repository", "mountPath", o.repository()));
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", CONTAINER);
    c.put("image", o.image());
    c.put("workingDir", workDir);
    c.put("command", List.of("pkgbuild"));
    c.put("args", args);
    if (o.credentials() != null) {
      c.put("envFrom", List.of(map("secretRef", map("name", o.credentials()))));
    }
    if (!requests.isEmpty()) {
      c.put("resources", map("requests", new LinkedHashMap<>(requests)));
    }
    c.put("securityContext", securityContext());
    c.put("volumeMounts", mounts);
    return c;
  }

  private static Map<String, Object> mount(String name, String path) {
    return map("name", name, "mountPath", path, "readOnly", true);
  }
}
