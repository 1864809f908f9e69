package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.apk.WrittenApk;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.env.LockFile;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.repo.StagedApk;
import dev.pkgbuild.sign.SigningKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolve}, {@code install} and {@code lock} in-process, against a signed local repository. */
class EnvCommandsTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  Path repo;
  Path pub;
  SigningKey key;

  @BeforeEach
  void setUp() throws Exception {
    key = RepoFixture.key(tmp.resolve("keys"));
    repo = tmp.resolve("repo");
    publish("lib", "1.0-r0");
    publish("app", "2.0-r1", "lib");
    pub = Files.writeString(tmp.resolve(key.keyName()), key.publicKeyPem());
  }

  private void publish(String name, String version, String... depends) throws Exception {
    Repository r = Repository.open(repo, "x86_64", key, Reporter.silent());
    Path tree = Files.createDirectories(tmp.resolve("tree-" + name + version + "/usr/share/" + name));
    Files.writeString(tree.resolve("VERSION"), version + "\n");
    PkgInfo info = PkgInfo.builder(name, version).arch("x86_64").pkgdesc("test package " + name)
        .url("https://example.invalid/" + name).addLicense("MIT").origin(name).builddate(0L).addDepend(depends)
        .build();
    Path temp = Files.createTempFile(Files.createDirectories(r.archDir()), ".t-", ".apk.part");
    WrittenApk w = ApkWriter.of(key, 0).writeTo(info, tree.getParent().getParent().getParent(), Map.of(), temp);
    r.publish(List.of(StagedApk.written(temp, w)));
  }

  int run(String... args) {
    return CommandTree.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  private String[] env(String... rest) {
    List<String> a = new java.util.ArrayList<>(List.of(rest));
    a.addAll(List.of("-r", repo.toString(), "-k", pub.toString(), "--arch", "x86_64", "--cache-dir",
        tmp.resolve("cache").toString()));
    return a.toArray(String[]::new);
  }

  @Test
  void resolve_printsTheTransactionInApksWordsDependenciesFirst() {
    assertEquals(0, run(env("resolve", "app")), err.toString());
    assertEquals("(1/2) Installing lib (1.0-r0)\n(2/2) Installing app (2.0-r1)\nOK: 0 MiB in 2 packages\n",
        out.toString());
  }

  @Test
  void resolve_nothingProvides_oneLineBadInput() {
    assertEquals(ExitStatus.BAD_INPUT.code(), run(env("resolve", "app", "nosuch")));
    assertTrue(err.toString().startsWith("pkgbuild: ") && err.toString().contains("nosuch"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  @Test
  void resolve_anUntrustedIndexIsRefusedUnlessAllowed() {
    String[] noKey = {"resolve", "app", "-r", repo.toString(), "--cache-dir", tmp.resolve("c").toString()};
    assertEquals(ExitStatus.BAD_INPUT.code(), run(noKey), err.toString());
    List<String> allowed = new java.util.ArrayList<>(List.of(noKey));
    allowed.add("--allow-untrusted");
    assertEquals(0, run(allowed.toArray(String[]::new)), err.toString());
  }

  @Test
  void install_makesARootThatApkReadsWithItsWorldAndDatabase() throws Exception {
    Path root = tmp.resolve("root");
    assertEquals(0, run(env("install", "--root", root.toString(), "app")), err.toString());
    assertEquals("app\n", Files.readString(root.resolve("etc/apk/world")));
    String db = Files.readString(root.resolve("lib/apk/db/installed"));
    assertTrue(db.contains("P:lib\n") && db.contains("P:app\n"), db);
    assertTrue(Files.isRegularFile(root.resolve("usr/share/app/VERSION")));
    assertTrue(Files.isRegularFile(root.resolve("etc/apk/keys/" + key.keyName())));
    assertTrue(out.toString().endsWith("OK: 0 MiB in 2 packages\n"), out.toString());
  }

  @Test
  void install_intoAFolderThatIsNotEmpty_refusesAndLeavesItAlone() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("mine"), "x");
    assertEquals(ExitStatus.BAD_INPUT.code(), run(env("install", "--root", root.toString(), "app")), err.toString());
    assertEquals(List.of(root.resolve("mine")), Files.list(root).toList());
  }

  @Test
  void lock_writesApkosLockFormatWithMemberRangesThatMatchThePackage() throws Exception {
    Path recipe = Files.writeString(tmp.resolve("foo.yaml"), """
        package:
          name: foo
          version: 1.0
          epoch: 0
          copyright:
            - license: MIT
        environment:
          contents:
            packages: [app]
        pipeline:
          - runs: true
        """);
    assertEquals(0, run(env("lock", recipe.toString())), err.toString());
    Path lockFile = tmp.resolve("foo.lock.json");
    String json = Files.readString(lockFile);
    assertTrue(json.startsWith("{\n  \"version\": \"v1\",\n  \"config\": {\n    \"name\": \"" + recipe + "\""), json);
    LockFile lock = LockFile.read(lockFile);
    assertEquals(List.of("lib-1.0-r0", "app-2.0-r1"), lock.packages().stream().map(LockFile.Locked::nameVersion)
        .toList());
    assertTrue(json.contains("\"url\": \"" + repo + "/x86_64/app-2.0-r1.apk\""), json);
    assertTrue(json.contains("\"name\": \"" + repo + "/x86_64\""), json);

    // the control range holds exactly the bytes whose SHA-1 is the index's C:
    Map<String, Object> app = appEntry(json);
    Path apk = repo.resolve("x86_64/app-2.0-r1.apk");
    byte[] bytes = Files.readAllBytes(apk);
    String[] range = ((String) ((Map<?, ?>) app.get("control")).get("range")).substring(6).split("-");
    byte[] control = java.util.Arrays.copyOfRange(bytes, Integer.parseInt(range[0]), Integer.parseInt(range[1]) + 1);
    String sha1 = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1").digest(control));
    assertEquals("Q1" + sha1, app.get("checksum"));
    assertEquals("sha1-" + sha1, ((Map<?, ?>) app.get("control")).get("checksum"));
    String[] data = ((String) ((Map<?, ?>) app.get("data")).get("range")).substring(6).split("-");
    assertEquals(bytes.length - 1, Integer.parseInt(data[1]));
    assertEquals(Integer.parseInt(range[1]) + 1, Integer.parseInt(data[0]));
    assertFalse(((String) ((Map<?, ?>) app.get("signature")).get("range")).isEmpty(), "a signed package");

    out.getBuffer().setLength(0);
    publish("lib", "1.1-r0");
    assertEquals(0, run(env("resolve", recipe.toString())), err.toString());
    assertTrue(out.toString().contains("Installing lib (1.0-r0)"), "resolve honours the lock: " + out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> appEntry(String json) {
    Map<String, Object> doc = (Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
        org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(json);
    List<Map<String, Object>> pkgs = (List<Map<String, Object>>) ((Map<String, Object>) doc.get("contents"))
        .get("packages");
    return pkgs.stream().filter(p -> p.get("name").equals("app")).findFirst().orElseThrow();
  }

  @Test
  void lock_aRecipeWithoutRepositories_saysThereIsNothingToLock() throws Exception {
    Path recipe = Files.writeString(tmp.resolve("foo.yaml"), """
        package:
          name: foo
          version: 1.0
          epoch: 0
          copyright:
            - license: MIT
        pipeline:
          - runs: true
        """);
    assertEquals(ExitStatus.BAD_INPUT.code(), run("lock", recipe.toString(), "--cache-dir", tmp.toString()));
    assertTrue(err.toString().contains("nothing to lock"), err.toString());
  }

}
