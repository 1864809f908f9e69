package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.IndexEntry;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.Reporter;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.repo.Repository;
import dev.pkgbuild.repo.StagedApk;
import dev.pkgbuild.sign.SigningKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RepoCommandsTest {
  @TempDir Path tmp;
  Path keyFile;
  SigningKey key;
  Path root;
  Repository repo;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    keyFile = RepoFixture.writeKey(tmp.resolve("keys"));
    key = SigningKey.load(keyFile);
    root = tmp.resolve("repo");
    repo = Repository.open(root, "x86_64", key, Reporter.silent());
  }

  int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!List.of("repo-info", "serve").contains(args[0])) {
      all.add("--signing-key");
      all.add(keyFile.toString());
    }
    return CommandTree.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
  }

  StagedApk pkg(String name, String version) throws Exception {
    return RepoFixture.build(tmp, repo.archDir(), key, name, version);
  }

  List<String> indexed() throws Exception {
    return repo.index().entries().stream().map(IndexEntry::fileName).toList();
  }

  @Test
  void index_defaultMode_addsUnindexedFilesAndDropsMissingOnes() throws Exception {
    repo.publish(List.of(pkg("alpha", "1-r0"), pkg("beta", "1-r0")));
    Files.move(pkg("gamma", "1-r0").file(), repo.archDir().resolve("gamma-1-r0.apk"));
    Files.delete(repo.archDir().resolve("beta-1-r0.apk"));
    assertEquals(0, run("index", repo.archDir().toString()), err.toString());
    assertEquals(List.of("alpha-1-r0.apk", "gamma-1-r0.apk"), indexed());
    assertTrue(out.toString().contains("2 packages, 1 added, 1 dropped"), out.toString());
  }

  @Test
  void index_rebuild_writesSameBytesAsIncrementalPublishing() throws Exception {
    repo.publish(List.of(pkg("beta", "1-r0")));
    repo.publish(List.of(pkg("alpha", "2-r1")));
    byte[] before = Files.readAllBytes(repo.indexFile());
    assertEquals(0, run("index", "--rebuild", root.toString()), err.toString());
    assertArrayEquals(before, Files.readAllBytes(repo.indexFile()));
  }

  @Test
  void index_notARepository_oneLineBadInput() throws Exception {
    Files.createDirectories(tmp.resolve("empty/sub"));
    assertEquals(ExitStatus.BAD_INPUT.code(), run("index", tmp.resolve("empty").toString()));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("not a repository"), err.toString());
  }

  @Test
  void index_brokenIndex_refusesThenRebuildRepairs() throws Exception {
    repo.publish(List.of(pkg("alpha", "1-r0")));
    Files.write(repo.indexFile(), "not gzip".getBytes());
    assertEquals(ExitStatus.BAD_INPUT.code(), run("index", repo.archDir().toString()));
    assertTrue(err.toString().contains("index --rebuild"), err.toString());
    assertEquals("not gzip", Files.readString(repo.indexFile()));
    assertEquals(0, run("index", "--rebuild", repo.archDir().toString()), err.toString());
    assertEquals(List.of("alpha-1-r0.apk"), indexed());
  }

  @Test
  void withdraw_andPrune_changeFilesAndIndex() throws Exception {
    for (String v : List.of("1.0-r0", "1.1-r0", "1.2-r0")) {
      repo.publish(List.of(pkg("alpha", v)));
    }
    assertEquals(0, run("withdraw", "alpha-1.2-r0", "--out-dir", root.toString()), err.toString());
    assertTrue(out.toString().contains("withdrew x86_64/alpha-1.2-r0.apk"), out.toString());
    assertEquals(0, run("prune", root.toString(), "--keep", "1"), err.toString());
    assertEquals(List.of("alpha-1.1-r0.apk"), indexed());
    assertFalse(Files.exists(repo.archDir().resolve("alpha-1.0-r0.apk")));
    assertEquals(ExitStatus.BAD_INPUT.code(), run("withdraw", "alpha-9-r0", "--out-dir", root.toString()));
    assertTrue(err.toString().contains("not in any index"), err.toString());
  }

  @Test
  void repoInfo_repository_printsKeyLineDockerfileAndApkoThatMatchIt() throws Exception {
    repo.publish(List.of(pkg("hello", "1-r0"), pkg("greet", "2-r0")));
    assertEquals(0, run("repo-info", root.toString(), "--url", "http://10.0.0.5:8080/"), err.toString());
    String text = out.toString();
    String keyName = Files.list(root).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rsa.pub"))
        .findFirst().orElseThrow();
    List<String> names = repo.index().entries().stream().map(IndexEntry::name).sorted().toList();
    assertTrue(text.contains("arches: x86_64\n"), text);
    assertTrue(text.contains("public key: " + root.resolve(keyName).toAbsolutePath() + " (served at http://10.0.0.5:8080/"
        + keyName + ")"), text);
    assertTrue(text.contains("# /etc/apk/repositories\nhttp://10.0.0.5:8080\n"), text);
    assertTrue(text.contains("FROM cgr.dev/chainguard/wolfi-base\nADD http://10.0.0.5:8080/" + keyName
        + " /etc/apk/keys/" + keyName + "\n"), text);
    assertTrue(text.contains("apk add --no-cache " + String.join(" ", names) + "\n"), text);
    StringBuilder apko = new StringBuilder("contents:\n  repositories:\n    - http://10.0.0.5:8080\n  keyring:\n    - http://10.0.0.5:8080/"
        + keyName + "\n  packages:\n");
    names.forEach(n -> apko.append("    - ").append(n).append('\n'));
    apko.append("archs:\n  - x86_64\n");
    assertTrue(text.contains(apko.toString()), text);
    assertTrue(text.contains("# pkgbuild image IMAGE.yaml --output out/image"), text);
    assertTrue(text.endsWith("  run-as: nonroot\nwork-dir: /home/nonroot\narchs:\n  - x86_64\n"), text);
    // the image block is a configuration pkgbuild image reads
    Path image = Files.writeString(tmp.resolve("image.yaml"), text.substring(text.lastIndexOf("contents:")));
    assertEquals("nonroot", dev.pkgbuild.recipe.ImageSpecLoader.load(image).runAs().value());
  }

  @Test
  void repoInfo_notARepository_oneLineBadInput() throws Exception {
    Files.createDirectories(tmp.resolve("plain"));
    assertEquals(ExitStatus.BAD_INPUT.code(), run("repo-info", tmp.resolve("plain").toString()));
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("not a repository"), err.toString());
  }
}
