package dev.pkgbuild.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as an Argo Workflows {@code Workflow}: a DAG with one task per recipe to build. Tasks
 * share one container template per distinct set of resource requests and pass the recipe as a
 * parameter, so a tree of thousands stays a Workflow of a few templates (the whole object is
 * kept in etcd, which refuses large ones).
 */
final class ArgoRendering {
  static final String RECIPE = "recipe";

  private ArgoRendering() {}

  static String workflow(ClusterOptions o, List<ClusterTasks.Task> tasks) {
    List<Object> dag = new ArrayList<>();
    List<Object> templates = new ArrayList<>();
    Map<Map<String, String>, String> byRequests = new LinkedHashMap<>();
    for (ClusterTasks.Task t : tasks) {
      String template = byRequests.get(t.requests());
      if (template == null) {
        template = byRequests.isEmpty() ? "build" : "build-" + (byRequests.size() + 1);
        byRequests.put(t.requests(), template);
        templates.add(PodParts.map("name", template,
            "inputs", PodParts.map("parameters", List.of(PodParts.map("name", RECIPE))),
            "container", PodParts.build(o, "{{inputs.parameters." + RECIPE + "}}", t.requests()),
            "volumes", PodParts.volumes(o)));
      }
      Map<String, Object> task = task(t.name(), template, t.dependsOn());
      task.put("arguments", PodParts.map("parameters", List.of(PodParts.map("name", RECIPE, "value", t.file()))));
      dag.add(task);
    }
    if (o.signing() == ClusterOptions.Signing.FINAL) {
      dag.add(task("sign-index", "sign-index", tasks.stream().map(ClusterTasks.Task::name).toList()));
      templates.add(PodParts.map("name", "sign-index", "container", PodParts.signIndex(o),
          "volumes", PodParts.releaseVolumes(o)));
    }
    templates.add(0, PodParts.map("name", "plan", "dag", PodParts.map("tasks", dag)));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("entrypoint", "plan");
    spec.put("nodeSelector", PodParts.nodeSelector(o));
    // Template pods have no hostUsers field; the patch gives every pod its own user namespace.
    // Each template carries its own volumes, so the release key reaches only the final pod.
    spec.put("podSpecPatch", "{\"hostUsers\": false}");
    spec.put("templates", templates);
    Map<String, Object> wf = PodParts.map("apiVersion", "argoproj.io/v1alpha1", "kind", "Workflow",
        "metadata", PodParts.map("generateName", "pkgbuild-"), "spec", spec);
    String header = "# pkgbuild plan as an Argo Workflow: submit with 'argo submit' or 'kubectl create -f'\n"
        + "# (generateName needs create). Pod security: docs/scale.md.\n";
    return PodParts.yaml(header, List.of(wf));
  }

  private static Map<String, Object> task(String name, String template, List<String> deps) {
    Map<String, Object> m = PodParts.map("name", name, "template", template);
    if (!deps.isEmpty()) {
      m.put("dependencies", deps);
    }
    return m;
  }
}
