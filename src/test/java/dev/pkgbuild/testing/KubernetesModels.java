package dev.pkgbuild.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Validates Kubernetes and Argo Workflows manifests with the validators that the npm packages
 * {@code kubernetes-models} and {@code @kubernetes-models/argo-workflows} compile from
 * Kubernetes' OpenAPI schema and Argo's JSON schema. {@code .ci/run} installs them with npm
 * into {@code $PKGBUILD_K8S_MODELS} (default {@code ~/.cache/pkgbuild-test/k8s-models}); the
 * schemas themselves are not copied into the project.
 */
public final class KubernetesModels {
  private static final String SCRIPT = "/dev/pkgbuild/cli/validate-k8s.mjs";
  private final Path prefix;
  private final Path script;

  private KubernetesModels(Path prefix, Path script) {
    this.prefix = prefix;
    this.script = script;
  }

  /** The installed validators; skips (fails under CI) when node or the packages are missing. */
  public static KubernetesModels require() throws IOException {
    Requires.tool("node");
    String env = System.getenv("PKGBUILD_K8S_MODELS");
    Path prefix = env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "pkgbuild-test", "k8s-models");
    Requires.that(Files.isDirectory(prefix.resolve("node_modules/kubernetes-models"))
        && Files.isDirectory(prefix.resolve("node_modules/@kubernetes-models/argo-workflows")),
        "the kubernetes-models npm packages are not in " + prefix + " (.ci/run installs them)");
    Path script = Files.createTempFile("validate-k8s-", ".mjs");
    try (var in = KubernetesModels.class.getResourceAsStream(SCRIPT)) {
      Files.write(script, in.readAllBytes());
    }
    script.toFile().deleteOnExit();
    return new KubernetesModels(prefix, script);
  }

  /** Validation errors of {@code json} as a {@code workflow} or a {@code job}, or "" when it is valid. */
  public String errors(String kind, String json) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", script.toString(), kind).directory(prefix.toFile())
        .redirectErrorStream(true).start();
    p.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("node did not finish validating");
    }
    if (p.exitValue() == 0 && out.equals("valid")) {
      return "";
    }
    return out.isEmpty() ? "node exited " + p.exitValue() : out;
  }
}
