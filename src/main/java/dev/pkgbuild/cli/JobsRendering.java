package dev.pkgbuild.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as plain Kubernetes Jobs, one per recipe to build, labelled with their wave: every
 * dependency of a wave-N Job is in a lower wave, so running the waves in order keeps the plan's
 * order without a workflow engine.
 */
final class JobsRendering {
  static final String WAVE = "pkgbuild.dev/wave";

  private JobsRendering() {}

  static String jobs(ClusterOptions o, List<ClusterTasks.Task> tasks) {
    List<Object> docs = new ArrayList<>();
    int last = -1;
    for (ClusterTasks.Task t : tasks) {
      docs.add(job(o, t.name(), t.recipe(), t.wave(), t.dependsOn(), PodParts.build(o, t.file(), t.requests()), PodParts.volumes(o)));
      last = Math.max(last, t.wave());
    }
    if (o.signing() == ClusterOptions.Signing.FINAL) {
      last++;
      docs.add(job(o, "sign-index", "", last, List.of(), PodParts.signIndex(o), PodParts.releaseVolumes(o)));
    }
    String header = "# pkgbuild plan as Kubernetes Jobs in waves " + (last < 0 ? "(none)" : "0 to " + last)
        + ": run each wave after the one before has completed, e.g.\n"
        + "#   for w in $(seq 0 " + Math.max(last, 0) + "); do kubectl apply -f jobs.yaml -l " + WAVE + "=$w &&\n"
        + "#     kubectl wait --for=condition=complete --timeout=24h job -l " + WAVE + "=$w || break; done\n"
        + "# Pod security: docs/scale.md.\n";
    return PodParts.yaml(header, docs);
  }

  private static Map<String, Object> job(ClusterOptions o, String name, String recipe, int wave, List<String> deps,
      Map<String, Object> container, List<Object> volumes) {
    Map<String, Object> labels = PodParts.map("app.kubernetes.io/managed-by", "pkgbuild", WAVE,
        Integer.toString(wave));
    Map<String, Object> annotations = new LinkedHashMap<>();
    if (!recipe.isEmpty()) {
      annotations.put("pkgbuild.dev/recipe", recipe);
    }
    annotations.put("pkgbuild.dev/depends-on", String.join(",", deps));
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("restartPolicy", "Never");
    pod.put("hostUsers", false);
    pod.put("nodeSelector", PodParts.nodeSelector(o));
    pod.put("containers", List.of(container));
    pod.put("volumes", volumes);
    Map<String, Object> spec = PodParts.map("backoffLimit", 0, "template",
        PodParts.map("metadata", PodParts.map("labels", new LinkedHashMap<>(labels)), "spec", pod));
    return PodParts.map("apiVersion", "batch/v1", "kind", "Job",
        "metadata", PodParts.map("name", name, "labels", labels, "annotations", annotations), "spec", spec);
  }
}
