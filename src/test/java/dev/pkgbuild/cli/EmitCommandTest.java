package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pkgbuild.cli.BuildCommandTest.Run;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.graph.TreeFixture;
import dev.pkgbuild.testing.KubernetesModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code plan --emit}: the Workflow and the Jobs carry the plan's DAG, and validate against the
 * published schemas of Argo Workflows and Kubernetes, as the kubernetes-models npm packages
 * compile them ({@link KubernetesModels}).
 */
class EmitCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Validates as an Argo Workflow ("workflow") or a Kubernetes Job ("job"); "" when valid. */
  static String errors(String kind, JsonNode doc) throws Exception {
    return KubernetesModels.require().errors(kind, JSON.writeValueAsString(doc));
  }

  /** git/curl with the cut edge curl -> git, plus a recipe with resources and a name to sanitize. */
  Path tree() throws Exception {
    Path dir = TreeFixture.gitCurlTree(tmp);
    TreeFixture.recipe(dir, "py3.12-x_y", "git, curl-dev", "  resources:\n    cpu: 4\n    memory: 8Gi\n"
        + "    disk: 20Gi\n    cpumodel: intel\n");
    return dir;
  }

  Run plan(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("plan", dir.toString(), "--out-dir", tmp.resolve("repo").toString(),
        "--keys-dir", tmp.resolve("keys").toString(), "--arch", "x86_64"));
    args.addAll(List.of(more));
    return BuildCommandTest.run(args.toArray(String[]::new));
  }

  /** The plan's build-order edges by task name, from {@code plan --json} (cut edges are not in depends-on). */
  Map<String, Set<String>> planEdges(Path dir) throws Exception {
    Run json = plan(dir, "--json");
    assertEquals(0, json.code(), json.err());
    Map<String, Set<String>> out = new TreeMap<>();
    for (JsonNode r : JSON.readTree(json.out()).get("recipes")) {
      Set<String> deps = new java.util.TreeSet<>();
      r.get("depends-on").forEach(d -> deps.add(ClusterTasks.label(d.asText())));
      out.put(ClusterTasks.label(r.get("name").asText()), deps);
    }
    return out;
  }

  static List<JsonNode> documents(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(d -> out.add(JSON.valueToTree(d)));
    return out;
  }

  static void assertValid(String kind, JsonNode doc) throws Exception {
    String errors = errors(kind, doc);
    assertTrue(errors.isEmpty(), errors + "\n" + doc.toPrettyString());
  }

  Run argoRun(Path dir) {
    return plan(dir, "--emit", "argo", "--image", "registry.example/pkgbuild:1", "--repository-url",
        "s3://bucket/repo", "--secret", "repo-creds");
  }

  @Test
  void emitArgo_workflowValidatesAgainstArgosSchema_inBothSigningModes() throws Exception {
    Path dir = tree();
    assertValid("workflow", documents(argoRun(dir).out()).get(0));
    assertValid("workflow", documents(plan(dir, "--emit", "argo", "--signing", "final", "--volume-claim", "pvc").out())
        .get(0));
  }

  @Test
  void emitArgo_itsDagIsThePlan_andTasksRunPkgbuildBuild() throws Exception {
    Path dir = tree();
    Run run = argoRun(dir);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("# pkgbuild plan as an Argo Workflow"), run.out());
    List<JsonNode> docs = documents(run.out());
    assertEquals(1, docs.size());
    JsonNode wf = docs.get(0);

    Map<String, Set<String>> dag = new TreeMap<>();
    JsonNode spec = wf.get("spec");
    assertEquals("plan", spec.get("entrypoint").asText());
    for (JsonNode t : spec.at("/templates/0/dag/tasks")) {
      Set<String> deps = new java.util.TreeSet<>();
      t.path("dependencies").forEach(d -> deps.add(d.asText()));
      dag.put(t.get("name").asText(), deps);
    }
    assertEquals(planEdges(dir), dag);
    assertEquals(Set.of("git-bootstrap"), dag.get("curl"), "the cut edge curl -> git is no dependency");
    assertTrue(dag.containsKey("py3-12-x-y"), dag.toString());

    JsonNode py = taskContainer(spec, "py3-12-x-y");
    assertEquals("registry.example/pkgbuild:1", py.get("image").asText());
    // a tree outside the current folder keeps its absolute path (inside, the path is relative: the image's /src)
    assertEquals(List.of("pkgbuild", "build", dir.resolve("py3.12-x_y.yaml").toString(), "--arch", "x86_64",
        "-r", "s3://bucket/repo", "--out-dir", "s3://bucket/repo", "--keys-dir", "/keys"), commandLine(py));
    assertEquals("{\"cpu\":\"4\",\"memory\":\"8Gi\",\"ephemeral-storage\":\"20Gi\"}",
        py.at("/resources/requests").toString());
    assertEquals("repo-creds", py.at("/envFrom/0/secretRef/name").asText());
    assertEquals("Unconfined", py.at("/securityContext/seccompProfile/type").asText());
    assertEquals("Unmasked", py.at("/securityContext/procMount").asText());
    assertEquals(false, py.at("/securityContext/privileged").asBoolean(true));
    assertEquals("{\"hostUsers\": false}", spec.get("podSpecPatch").asText());
    assertEquals("amd64", spec.at("/nodeSelector/kubernetes.io~1arch").asText());
    assertEquals("pkgbuild-signing-key", template(spec, "build-2").at("/volumes/0/secret/secretName").asText());
    assertFalse(taskContainer(spec, "git").has("resources"));
    List<String> templates = new ArrayList<>();
    spec.get("templates").forEach(t -> templates.add(t.get("name").asText()));
    assertEquals(List.of("plan", "build", "build-2"), templates, "one template per distinct set of requests");
    assertEquals(run.out(), argoRun(dir).out(), "deterministic");
  }

  @Test
  void emitJobs_passesThePlansBuildFlagsOnToEveryTask() throws Exception {
    Path dir = tree();
    Path pipelines = java.nio.file.Files.createDirectories(tmp.resolve("pipelines"));
    Run run = plan(dir, "--emit", "jobs", "--pipeline-dir", pipelines.toString(), "--skip-tests",
        "--package-append", "busybox", "--namespace", "acme");
    assertEquals(0, run.code(), run.err());
    JsonNode c = documents(run.out()).get(0).at("/spec/template/spec/containers/0");
    assertEquals(List.of("pkgbuild", "build", dir.resolve("git-bootstrap.yaml").toString(), "--arch", "x86_64",
        "--pipeline-dir", pipelines.toString(), "--package-append", "busybox", "--namespace", "acme", "--skip-tests",
        "-r", tmp.resolve("repo").toString(), "--out-dir", tmp.resolve("repo").toString(), "--keys-dir", "/keys"),
        commandLine(c));
  }

  @Test
  void emitArgo_finalSigning_addsOneLastTaskReindexingWithTheReleaseKey() throws Exception {
    Path dir = tree();
    Run run = plan(dir, "--emit", "argo", "--signing", "final", "--volume-claim", "repo-pvc");
    assertEquals(0, run.code(), run.err());
    JsonNode spec = documents(run.out()).get(0).get("spec");
    JsonNode last = spec.at("/templates/0/dag/tasks").get(4);
    assertEquals("sign-index", last.get("name").asText());
    Set<String> all = new java.util.TreeSet<>();
    last.get("dependencies").forEach(d -> all.add(d.asText()));
    assertEquals(planEdges(dir).keySet(), all);
    JsonNode c = template(spec, "sign-index").get("container");
    String repo = tmp.resolve("repo").toString();
    assertEquals(List.of("pkgbuild", "index", repo, "--rebuild"), commandLine(c));
    assertEquals("/release", c.get("workingDir").asText());
    assertEquals("/release/keys", c.at("/volumeMounts/0/mountPath").asText());
    assertEquals(repo, c.at("/volumeMounts/1/mountPath").asText());
    assertEquals("[\"release-key\",\"repository\"]", names(template(spec, "sign-index").get("volumes")));
    assertEquals("[\"signing-key\",\"repository\"]", names(template(spec, "build").get("volumes")));
    assertEquals("repo-pvc", template(spec, "build").at("/volumes/1/persistentVolumeClaim/claimName").asText());
  }

  @Test
  void emitJobs_eachJobValidatesAgainstTheKubernetesJobSchema() throws Exception {
    Run run = plan(tree(), "--emit", "jobs", "--signing", "final", "--volume-claim", "pvc", "--secret", "creds");
    for (JsonNode d : documents(run.out())) {
      assertValid("job", d);
    }
  }

  @Test
  void emitJobs_theWavesRespectEveryEdge() throws Exception {
    Path dir = tree();
    Run run = plan(dir, "--emit", "jobs", "--signing", "final");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("kubectl wait --for=condition=complete --timeout=24h job -l pkgbuild.dev/wave=$w"),
        run.out());
    Map<String, Integer> wave = new TreeMap<>();
    List<JsonNode> docs = documents(run.out());
    for (JsonNode d : docs) {
      wave.put(d.at("/metadata/name").asText(), Integer.parseInt(d.at("/metadata/labels/pkgbuild.dev~1wave").asText()));
      assertEquals(d.at("/metadata/labels/pkgbuild.dev~1wave"), d.at("/spec/template/metadata/labels/pkgbuild.dev~1wave"));
      assertFalse(d.at("/spec/template/spec/hostUsers").asBoolean(true));
    }
    Map<String, Set<String>> edges = planEdges(dir);
    assertEquals(edges.size() + 1, docs.size());
    for (Map.Entry<String, Set<String>> e : edges.entrySet()) {
      for (String to : e.getValue()) {
        assertTrue(wave.get(e.getKey()) > wave.get(to), e.getKey() + " -> " + to + " in " + wave);
      }
      assertTrue(wave.get("sign-index") > wave.get(e.getKey()));
    }
    assertEquals(Map.of("curl", 1, "git", 2, "git-bootstrap", 0, "py3-12-x-y", 3, "sign-index", 4), wave);
  }

  @Test
  void schemas_rejectABrokenManifest_soTheChecksAboveMeanSomething() throws Exception {
    Run run = plan(tree(), "--emit", "jobs");
    ObjectNode first = (ObjectNode) documents(run.out()).get(0);
    ((ObjectNode) first.at("/spec/template/spec")).put("restartPolicy", 7);
    assertFalse(errors("job", first).isEmpty());
    ObjectNode wf = (ObjectNode) documents(plan(tree(), "--emit", "argo").out()).get(0);
    ((ObjectNode) wf.at("/spec/templates/1/container")).put("image", 7);
    assertFalse(errors("workflow", wf).isEmpty());
  }

  @Test
  void emit_badValue_isAOneLineError() throws Exception {
    Run run = plan(tree(), "--emit", "helm");
    assertEquals(ExitStatus.BAD_INPUT.code(), run.code());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("--emit takes 'argo' or 'jobs', got 'helm'"), run.err());
    Run url = plan(tree(), "--emit", "jobs", "--signing", "final", "--repository-url", "https://x/repo");
    assertEquals(ExitStatus.BAD_INPUT.code(), url.code());
    assertTrue(url.err().contains("needs a repository path"), url.err());
  }

  @Test
  void emitArgo_namesThatCollideAfterSanitizing_getSuffixes_andReservedNamesAreAvoided() throws Exception {
    Path dir = tmp.resolve("names");
    TreeFixture.recipe(dir, "foo-bar", "", "");
    TreeFixture.recipe(dir, "foo.bar", "", "");
    TreeFixture.recipe(dir, "sign-index", "", "");
    Run run = plan(dir, "--emit", "argo");
    assertEquals(0, run.code(), run.err());
    List<String> names = new ArrayList<>();
    documents(run.out()).get(0).at("/spec/templates/0/dag/tasks").forEach(t -> names.add(t.get("name").asText()));
    assertEquals(List.of("foo-bar", "foo-bar-2", "sign-index-2"), names);
  }

  @Test
  void label_sanitizesToDns1123() {
    assertEquals("py3-12-x-y", ClusterTasks.label("Py3.12-x_y"));
    assertEquals("recipe", ClusterTasks.label("+++"));
    assertEquals(63, ClusterTasks.label("a".repeat(80)).length());
  }

  static JsonNode template(JsonNode spec, String name) {
    for (JsonNode t : spec.get("templates")) {
      if (t.get("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no template " + name);
  }

  /** The container a DAG task runs, with the task's recipe parameter put in its args as Argo does. */
  static JsonNode taskContainer(JsonNode spec, String task) {
    for (JsonNode t : spec.at("/templates/0/dag/tasks")) {
      if (t.get("name").asText().equals(task)) {
        ObjectNode c = template(spec, t.get("template").asText()).get("container").deepCopy();
        String recipe = t.at("/arguments/parameters/0/value").asText();
        com.fasterxml.jackson.databind.node.ArrayNode args = c.putArray("args");
        template(spec, t.get("template").asText()).at("/container/args")
            .forEach(a -> args.add(a.asText().replace("{{inputs.parameters.recipe}}", recipe)));
        return c;
      }
    }
    throw new AssertionError("no task " + task);
  }

  static String names(JsonNode volumes) {
    return JSON.valueToTree(volumes.findValuesAsText("name")).toString();
  }

  static List<String> commandLine(JsonNode container) {
    List<String> out = new ArrayList<>();
    container.get("command").forEach(c -> out.add(c.asText()));
    container.get("args").forEach(c -> out.add(c.asText()));
    return out;
  }
}
