package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkgbuild.cli.BuildCommandTest.Run;
import dev.pkgbuild.testing.DebianToolchainRepo;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted Jobs' command lines, run as a cluster would run them: wave by wave, in the real
 * sandbox, against one repository, with a read-only staging key and a final re-sign with the
 * release key. Only what a pod supplies is put in: the mounted keys folder and the working
 * folder of the final task (and a private cache, as a fresh pod has).
 */
class EmitRunTest {
  @TempDir Path tmp;

  @Test
  void emittedJobsRunInWaveOrder_theSecondBuildsFromTheFirst_andTheFinalTaskResignsTheIndex() throws Exception {
    Requires.tool("bwrap");
    DebianToolchainRepo toolchain = DebianToolchainRepo.require();
    // run as root, the sandbox's uid must reach the build roots in the cache below tmp
    Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(tmp));
    perms.add(PosixFilePermission.OTHERS_EXECUTE);
    Files.setPosixFilePermissions(tmp, perms);
    Path tree = tmp.resolve("tree");
    Files.createDirectories(tree);
    recipe(tree, "a", "busybox");
    recipe(tree, "b", "busybox, a");
    Path staging = tmp.resolve("staging");
    Path release = tmp.resolve("release");
    assertEquals(0, BuildCommandTest.run("keygen", "--dir", staging.toString(), "--name", "staging").code());
    assertEquals(0, BuildCommandTest.run("keygen", "--dir", release.resolve("keys").toString(), "--name", "release")
        .code());
    staging.toFile().setWritable(false); // a Secret volume is read-only
    Path repo = tmp.resolve("repo");

    Run plan = BuildCommandTest.run("plan", tree.toString(), "--arch", "x86_64", "--out-dir", repo.toString(),
        "-r", toolchain.root().toString(), "-k", toolchain.publicKey().toString(), "--emit", "jobs",
        "--signing", "final");
    assertEquals(0, plan.code(), plan.err());
    List<JsonNode> jobs = new ArrayList<>(EmitCommandTest.documents(plan.out()));
    jobs.sort(Comparator.comparingInt(j -> j.at("/metadata/labels/pkgbuild.dev~1wave").asInt()));
    assertEquals(List.of("a", "b", "sign-index"), jobs.stream().map(j -> j.at("/metadata/name").asText()).toList());

    for (JsonNode job : jobs.subList(0, 2)) {
      List<String> args = new ArrayList<>();
      job.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
      args.set(args.indexOf(ClusterOptions.KEYS), staging.toString());
      args.addAll(List.of("--cache-dir", tmp.resolve("cache").toString(), "-q"));
      Run build = BuildCommandTest.run(args.toArray(String[]::new));
      assertEquals(0, build.code(), job.at("/metadata/name") + ": " + build.err() + build.out());
    }
    assertTrue(Files.isRegularFile(repo.resolve("x86_64/b-1.0-r0.apk")), "b built with a from the repository");

    // the final task: pkgbuild index REPO --rebuild, in a folder whose keys/ is the release Secret
    JsonNode last = jobs.get(2).at("/spec/template/spec/containers/0");
    assertEquals(ClusterOptions.RELEASE, last.get("workingDir").asText());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    last.get("args").forEach(a -> command.add(a.asText()));
    Process p = new ProcessBuilder(command).directory(release.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("2 packages, signed with release.rsa.pub"), out);

    // a consumer trusting only the release key installs from it; the staging key alone no longer opens it
    Run installed = BuildCommandTest.run("install", "--root", tmp.resolve("root").toString(), "-r", repo.toString(),
        "-k", repo.resolve("release.rsa.pub").toString(), "-r", toolchain.root().toString(), "-k",
        toolchain.publicKey().toString(), "--cache-dir", tmp.resolve("cache").toString(), "b");
    assertEquals(0, installed.code(), installed.err());
    assertTrue(Files.isDirectory(tmp.resolve("root/usr/share/b")));
    Run staged = BuildCommandTest.run("install", "--root", tmp.resolve("root2").toString(), "-r", repo.toString(),
        "-k", repo.resolve("staging.rsa.pub").toString(), "--cache-dir", tmp.resolve("cache").toString(), "b");
    assertTrue(staged.err().contains("UNTRUSTED"), staged.err());
  }

  static void recipe(Path dir, String name, String env) throws Exception {
    Files.writeString(dir.resolve(name + ".yaml"), "package:\n  name: " + name + "\n  version: 1.0\n  epoch: 0\n"
        + "  description: " + name + "\n  copyright:\n    - license: MIT\n"
        + "environment:\n  contents:\n    packages: [" + env + "]\n"
        + "pipeline:\n  - runs: mkdir -p ${{targets.destdir}}/usr/share/" + name + "\n");
  }
}
