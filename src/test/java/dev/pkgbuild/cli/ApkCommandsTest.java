package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.apk.ApkWriter;
import dev.pkgbuild.apk.IndexArchive;
import dev.pkgbuild.apk.PkgInfo;
import dev.pkgbuild.archive.GzipMembers;
import dev.pkgbuild.sign.KeyGenerator;
import dev.pkgbuild.sign.KeyPairFiles;
import dev.pkgbuild.sign.SigningKey;
import dev.pkgbuild.sign.TrustedKeys;
import dev.pkgbuild.sign.VerifyResult;
import dev.pkgbuild.testing.Requires;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApkCommandsTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CommandTree.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Path repo(Path tmp, SigningKey key) throws Exception {
    Path arch = Files.createDirectories(tmp.resolve("repo/x86_64"));
    for (String name : new String[] {"zeta", "alpha", "mid"}) {
      Path tree = Files.createDirectories(tmp.resolve("t-" + name + "/usr/share/" + name));
      Files.writeString(tree.resolve("f"), name);
      PkgInfo info = PkgInfo.builder(name, "1.0-r0").arch("x86_64").pkgdesc(name).build();
      ApkWriter.of(key, 0).writeTo(info, tmp.resolve("t-" + name), Map.of(), arch.resolve(name + "-1.0-r0.apk"));
    }
    return arch;
  }

  /** C: computed here from the raw file, independently of the reader: SHA-1 of the second gzip member. */
  static String identity(Path apk) throws Exception {
    byte[] raw = Files.readAllBytes(apk);
    GzipMembers g = new GzipMembers(new ByteArrayInputStream(raw));
    long[] spans = new long[3];
    for (int i = 0; i < 3; i++) {
      try (InputStream m = g.next((b, o, l) -> { })) {
        m.transferTo(OutputStream.nullOutputStream());
      }
      spans[i] = g.offset();
    }
    byte[] control = Arrays.copyOfRange(raw, (int) spans[0], (int) spans[1]);
    return "Q1" + java.util.Base64.getEncoder().encodeToString(
        java.security.MessageDigest.getInstance("SHA-1").digest(control));
  }

  @Test
  void index_folder_signedWithRightChecksumsAndKeyPublished(@TempDir Path tmp) throws Exception {
    KeyPairFiles kp = KeyGenerator.generateFiles(tmp.resolve("keys"), Optional.of("repo"));
    SigningKey key = SigningKey.load(kp.privateKey());
    Path arch = repo(tmp, key);
    Run r = run("index", arch.toString(), "--signing-key", kp.privateKey().toString(), "--description", "test");
    assertEquals(0, r.code(), r.err());
    IndexArchive.Read read = IndexArchive.read(arch.resolve("APKINDEX.tar.gz"), TrustedKeys.of(key));
    assertEquals(VerifyResult.OK, read.signature());
    assertEquals("test", read.index().description());
    assertEquals(3, read.index().entries().size());
    assertEquals("alpha", read.index().entries().get(0).name());
    for (var e : read.index().entries()) {
      Path apk = arch.resolve(e.fileName());
      assertEquals(identity(apk), e.checksum());
      assertEquals(Files.size(apk), e.fileSize());
    }
    assertTrue(Files.exists(tmp.resolve("repo/repo.rsa.pub")));
    Run v = run("verify", arch.resolve("APKINDEX.tar.gz").toString(), arch.resolve("alpha-1.0-r0.apk").toString(),
        "--keys-dir", tmp.resolve("repo").toString());
    assertEquals(0, v.code(), v.err());
  }

  @Test
  void signIndex_otherKey_verifiesWithIt(@TempDir Path tmp) throws Exception {
    KeyPairFiles a = KeyGenerator.generateFiles(tmp.resolve("ka"), Optional.of("a"));
    KeyPairFiles b = KeyGenerator.generateFiles(tmp.resolve("kb"), Optional.of("b"));
    Path arch = repo(tmp, SigningKey.load(a.privateKey()));
    assertEquals(0, run("index", arch.toString(), "--signing-key", a.privateKey().toString()).code());
    Path index = arch.resolve("APKINDEX.tar.gz");
    assertEquals(0, run("sign-index", index.toString(), "--signing-key", b.privateKey().toString()).code());
    assertEquals(0, run("verify", index.toString(), "--keys-dir", tmp.resolve("kb").toString()).code());
    Run wrong = run("verify", index.toString(), "--keys-dir", tmp.resolve("ka").toString());
    assertNotEquals(0, wrong.code());
    assertTrue(wrong.err().contains("UNTRUSTED"), wrong.err());
  }

  @Test
  void verify_badInputs_oneLineNonZero(@TempDir Path tmp) throws Exception {
    KeyPairFiles kp = KeyGenerator.generateFiles(tmp.resolve("keys"), Optional.of("k"));
    Path arch = repo(tmp, SigningKey.load(kp.privateKey()));
    Path apk = arch.resolve("alpha-1.0-r0.apk");
    byte[] good = Files.readAllBytes(apk);
    String keys = tmp.resolve("keys").toString();
    Files.write(tmp.resolve("trunc.apk"), Arrays.copyOf(good, good.length - 10));
    assertOneLineFailure(run("verify", tmp.resolve("trunc.apk").toString(), "--keys-dir", keys), "cut short");
    byte[] bad = good.clone();
    bad[bad.length - 20] ^= 1;
    Files.write(tmp.resolve("tamper.apk"), bad);
    assertOneLineFailure(run("verify", tmp.resolve("tamper.apk").toString(), "--keys-dir", keys), "tamper.apk");
    assertOneLineFailure(run("verify", apk.toString(), "--keys-dir", tmp.resolve("none").toString()), "UNTRUSTED");
    Files.writeString(tmp.resolve("bad.rsa"), "-----BEGIN RSA PRIVATE KEY-----\nnot base64!\n-----END RSA PRIVATE KEY-----\n");
    assertOneLineFailure(run("index", arch.toString(), "--signing-key", tmp.resolve("bad.rsa").toString()), "bad.rsa");
  }

  @Test
  void verify_reSignedIndexWithDuplicatedRecord_failsNamingIndexAndPackage(@TempDir Path tmp) throws Exception {
    KeyPairFiles kp = KeyGenerator.generateFiles(tmp.resolve("keys"), Optional.of("k"));
    SigningKey key = SigningKey.load(kp.privateKey());
    Path arch = repo(tmp, key);
    String keyArg = kp.privateKey().toString();
    assertEquals(0, run("index", arch.toString(), "--signing-key", keyArg).code());
    Path index = arch.resolve("APKINDEX.tar.gz");
    var entries = IndexArchive.read(index, TrustedKeys.of(key)).index().entries();
    var twice = new java.util.ArrayList<>(entries);
    twice.add(entries.get(0)); // an ApkIndex keeps what it is given, so it renders the record twice
    byte[] body = IndexArchive.unsigned(new dev.pkgbuild.apk.ApkIndex(null, twice), 0);
    Files.write(index, IndexArchive.sign(body, key, java.util.List.of(dev.pkgbuild.sign.SignatureType.RSA256), 0));

    Run verify = run("verify", index.toString(), "--keys-dir", tmp.resolve("keys").toString());
    assertOneLineFailure(verify, index + ": APKINDEX lists alpha-1.0-r0 twice");
    assertOneLineFailure(run("sign-index", index.toString(), "--signing-key", keyArg), "alpha-1.0-r0 twice");
    Run update = run("index", arch.toString(), "--signing-key", keyArg);
    assertOneLineFailure(update, "alpha-1.0-r0 twice");
    assertTrue(update.err().contains("index --rebuild"), update.err());
    assertEquals(0, run("index", "--rebuild", arch.toString(), "--signing-key", keyArg).code());
    assertEquals(3, IndexArchive.read(index, TrustedKeys.of(key)).index().entries().size());
  }

  @Test
  void verify_bombAmongOtherFiles_isRefusedQuicklyAndTheOthersAreStillChecked(@TempDir Path tmp) throws Exception {
    KeyPairFiles kp = KeyGenerator.generateFiles(tmp.resolve("keys"), Optional.of("k"));
    SigningKey key = SigningKey.load(kp.privateKey());
    Path arch = repo(tmp, key);
    Path bomb = dev.pkgbuild.apk.Bombs.write(tmp, key, "bomb", 3 << 10, 1000);
    Path good = arch.resolve("alpha-1.0-r0.apk");
    Run r = run("verify", bomb.toString(), good.toString(), "--keys-dir", tmp.resolve("keys").toString());
    assertEquals(1, r.code(), r.err());
    assertEquals("pkgbuild: " + bomb + ": the data holds more than the 1000 bytes .PKGINFO declares (by more than"
        + " 16 MiB, at big); refused before inflating it", r.err().strip());
    assertEquals(good + ": OK", r.out().strip());
    assertOneLineFailure(run("info", bomb.toString()), bomb + ": the data holds more than");
  }

  @Test
  void verifyAndIndex_oracleRepos_ok(@TempDir Path tmp) throws Exception {
    Path shared = Requires.shared().resolve("testdata/apk");
    for (String repo : new String[] {"base", "rsa256", "deps", "virt"}) {
      Path arch = shared.resolve(repo + "/x86_64");
      try (var s = Files.list(arch)) {
        String[] args = s.map(Path::toString).sorted().toArray(String[]::new);
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--keys-dir";
        all[args.length + 1] = shared.resolve("keys").toString();
        String[] cmd = new String[all.length + 1];
        cmd[0] = "verify";
        System.arraycopy(all, 0, cmd, 1, all.length);
        Run r = run(cmd);
        assertEquals(0, r.code(), r.err());
      }
      Path copy = Files.createDirectories(tmp.resolve(repo + "/x86_64"));
      try (var s = Files.list(arch)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".apk")).toList()) {
          Files.copy(p, copy.resolve(p.getFileName()));
        }
      }
      assertEquals(0, run("index", copy.toString()).code());
      String text = IndexArchive.read(copy.resolve("APKINDEX.tar.gz"), TrustedKeys.in(tmp)).index().render();
      assertEquals(Files.readString(shared.resolve(repo + "/APKINDEX.txt")), text);
    }
  }

  @Test
  void info_package_printsPkginfoAndListing(@TempDir Path tmp) throws Exception {
    Path arch = repo(tmp, null);
    Run r = run("info", arch.resolve("alpha-1.0-r0.apk").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("pkgname = alpha\npkgver = 1.0-r0\n"), r.out());
    assertTrue(r.out().contains("-rw-r--r-- root/root           5 1970-01-01 00:00 usr/share/alpha/f"), r.out());
  }

  static void assertOneLineFailure(Run r, String fragment) {
    assertNotEquals(0, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(fragment), r.err());
    assertTrue(r.err().startsWith("pkgbuild: "), r.err());
  }

}
