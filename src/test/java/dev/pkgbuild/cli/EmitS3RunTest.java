package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.cli.BuildCommandTest.Run;
import dev.pkgbuild.repo.S3ProxyServer;
import dev.pkgbuild.repo.S3Store;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.testing.DebianToolchainRepo;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Argo DAG of a 20-recipe tree run as a cluster would run it, by three worker
 * processes against one object-storage repository (the tests' S3Proxy): each task is the
 * emitted command line, started when the tasks it depends on have ended, reading what they
 * published through {@code -r s3://} and publishing with {@code --out-dir s3://}.
 */
@Timeout(600)
class EmitS3RunTest {
  static final int RECIPES = 20;
  static final int WORKERS = 3;
  @TempDir Path tmp;

  @Test
  void emittedDagRunByThreeWorkerProcessesAgainstS3_buildsTheTreeInOrder_andAPlanAfterwardsHasNothingToBuild()
      throws Exception {
    Requires.tool("bwrap");
    DebianToolchainRepo toolchain = DebianToolchainRepo.require();
    // run as root, the sandbox's uid must reach the build roots in the caches below tmp
    Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(tmp));
    perms.add(PosixFilePermission.OTHERS_EXECUTE);
    Files.setPosixFilePermissions(tmp, perms);
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    // a binary tree: t01 and t02 build from t00, t03 and t04 from t01, ... five levels deep
    for (int i = 0; i < RECIPES; i++) {
      recipe(tree, i);
    }
    Path keys = tmp.resolve("keys"); // the signing Secret as mounted
    assertEquals(0, BuildCommandTest.run("keygen", "--dir", keys.toString(), "--name", "tree").code());
    try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3"))) {
      String repo = "s3://" + S3ProxyServer.BUCKET + "/tree";
      Run plan = BuildCommandTest.run("plan", tree.toString(), "--arch", "x86_64", "--out-dir", repo,
          "-r", toolchain.root().toString(), "-k", toolchain.publicKey().toString(),
          "--s3-endpoint", s3.endpoint(), "--s3-path-style", "--keys-dir", keys.toString(), "--emit", "argo");
      assertEquals(0, plan.code(), plan.err());
      JsonNode wf = EmitCommandTest.documents(plan.out()).get(0);
      Map<String, Task> tasks = tasks(wf);
      assertEquals(RECIPES, tasks.size());
      assertEquals(List.of("t01"), tasks.get("t03").dependencies(), "the DAG's edges are the recipes' needs");

      run(tasks, keys);

      try (S3Store store = s3.store("tree")) {
        IndexArchive.Read index = IndexArchive.read(store.get("x86_64/APKINDEX.tar.gz").orElseThrow().bytes(),
            TrustedKeys.of(SigningKey.load(keys.resolve("tree.rsa"))), "index");
        assertEquals(List.of(), index.problems());
        List<String> names = index.index().entries().stream().map(IndexEntry::name).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECIPES; i++) {
          expected.add(name(i));
        }
        assertEquals(expected, names, "every task's package is in the index: none lost to a concurrent publisher");
      }
      // t19 was built from t09, t04, t01, t00 as published in the bucket, each read back through -r s3://
      Run installed = BuildCommandTest.run("install", "--root", tmp.resolve("root").toString(),
          "-r", s3.httpUrl("tree"), "-k", keys.resolve("tree.rsa.pub").toString(),
          "-r", toolchain.root().toString(), "-k", toolchain.publicKey().toString(),
          "--cache-dir", tmp.resolve("consumer").toString(), "t19");
      assertEquals(0, installed.code(), installed.err());
      assertEquals("t19 t09 t04 t01 t00\n", Files.readString(tmp.resolve("root/usr/share/t19/chain")));

      Run again = BuildCommandTest.run("plan", tree.toString(), "--arch", "x86_64", "--out-dir", repo,
          "-r", toolchain.root().toString(), "-k", toolchain.publicKey().toString(),
          "--s3-endpoint", s3.endpoint(), "--s3-path-style", "--keys-dir", keys.toString());
      assertEquals(0, again.code(), again.err());
      assertTrue(again.out().contains("0 to build"), again.out());
    }
  }

  /** One DAG task: the emitted arguments with its recipe filled in, and what it waits for. */
  record Task(String name, List<String> args, List<String> dependencies) {}

  static Map<String, Task> tasks(JsonNode wf) {
    Map<String, List<String>> templateArgs = new HashMap<>();
    JsonNode dag = null;
    for (JsonNode t : wf.at("/spec/templates")) {
      if (t.has("dag")) {
        dag = t.at("/dag/tasks");
      } else if (t.has("container")) {
        List<String> args = new ArrayList<>();
        t.at("/container/args").forEach(a -> args.add(a.asText()));
        templateArgs.put(t.get("name").asText(), args);
      }
    }
    Map<String, Task> out = new LinkedHashMap<>();
    for (JsonNode t : dag) {
      String recipe = t.at("/arguments/parameters/0/value").asText();
      List<String> args = new ArrayList<>();
      for (String a : templateArgs.get(t.get("template").asText())) {
        args.add(a.replace("{{inputs.parameters.recipe}}", recipe));
      }
      List<String> deps = new ArrayList<>();
      t.path("dependencies").forEach(d -> deps.add(d.asText()));
      out.put(t.get("name").asText(), new Task(t.get("name").asText(), args, deps));
    }
    return out;
  }

  /**
   * Runs the DAG with {@link #WORKERS} processes at a time, each in the tree's folder (the pods'
   * working folder) with the signing Secret's folder and a cache of its own, as a fresh pod has.
   *
   */
  private void run(Map<String, Task> tasks, Path keys) throws Exception {
    Map<String, Integer> finished = new HashMap<>();
    Map<String, Process> running = new HashMap<>();
    Map<String, Integer> slotOf = new HashMap<>();
    List<Integer> freeSlots = new ArrayList<>(List.of(0, 1, 2));
    while (finished.size() < tasks.size()) {
      for (Task t : tasks.values()) {
        if (running.size() < WORKERS && !finished.containsKey(t.name()) && !running.containsKey(t.name())
            && finished.keySet().containsAll(t.dependencies())) {
          int slot = freeSlots.remove(0);
          slotOf.put(t.name(), slot);
          running.put(t.name(), start(t, keys, slot));
        }
      }
      Thread.sleep(50);
      for (Map.Entry<String, Process> e : new ArrayList<>(running.entrySet())) {
        if (e.getValue().waitFor(0, TimeUnit.MILLISECONDS)) {
          String log = Files.readString(tmp.resolve("task-" + e.getKey() + ".log"));
          assertEquals(0, e.getValue().exitValue(), e.getKey() + ": " + log);
          running.remove(e.getKey());
          freeSlots.add(slotOf.get(e.getKey()));
          finished.put(e.getKey(), finished.size());
        }
      }
    }
  }

  private Process start(Task t, Path keys, int slot) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(S3ProxyServer.javaProperties()));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    List<String> args = new ArrayList<>(t.args());
    args.set(args.indexOf(ClusterOptions.KEYS), keys.toString());
    cmd.addAll(args);
    cmd.addAll(List.of("--cache-dir", tmp.resolve("cache-" + slot).toString(), "-q"));
    return new ProcessBuilder(cmd).directory(tmp.resolve("tree").toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("task-" + t.name() + ".log").toFile()).start();
  }

  static String name(int i) {
    return String.format("t%02d", i);
  }

  /** t{i} needs its parent in the binary tree and writes its own name before the parent's chain. */
  static void recipe(Path dir, int i) throws Exception {
    String n = name(i);
    String parent = i == 0 ? null : name((i - 1) / 2);
    String env = parent == null ? "busybox" : "busybox, " + parent;
    String chain = parent == null ? "echo " + n : "echo \"" + n + " $(cat /usr/share/" + parent + "/chain)\"";
    Files.writeString(dir.resolve(n + ".yaml"), "package:\n  name: " + n + "\n  version: 1.0\n  epoch: 0\n"
        + "  description: " + n + "\n  copyright:\n    - license: MIT\n"
        + "environment:\n  contents:\n    packages: [" + env + "]\n"
        + "pipeline:\n  - runs: |\n      mkdir -p ${{targets.destdir}}/usr/share/" + n + "\n"
        + "      " + chain + " > ${{targets.destdir}}/usr/share/" + n + "/chain\n");
  }
}
