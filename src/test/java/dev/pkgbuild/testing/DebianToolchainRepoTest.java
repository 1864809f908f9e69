package dev.pkgbuild.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.env.ClientSettings;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.RepositoryClient;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.env.RootCache;
import dev.pkgbuild.repo.RepoFixture;
import dev.pkgbuild.sign.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The toolchain repository made from Debian's packages resolves, installs, and compiles C on its own. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DebianToolchainRepoTest {
  @TempDir Path tmp;

  @Test
  void debianVersionsBecomeApkVersions() throws Exception {
    assertEquals("12.2.0-r14", DebianVersion.toApk("12.2.0-14+deb12u1"));
    assertEquals("1.2.13-r1", DebianVersion.toApk("1:1.2.13.dfsg-1+deb12u1"));
    assertEquals("1.35.0-r4", DebianVersion.toApk("1:1.35.0-4+deb12u1+b1"));
    assertEquals("3.0.22-r1", DebianVersion.toApk("3.0.22-1~deb12u2"));
    assertEquals("6.2.1-r1", DebianVersion.toApk("2:6.2.1+dfsg1-1.1"));
    assertEquals("4.3-r0", DebianVersion.toApk("4.3"));
  }

  @Test
  void dependencyFieldsBecomeGroupsOfNames() {
    DebPackage p = new DebPackage(Path.of("x.deb"), DebPackage.parseControl(
        "Package: x\nVersion: 1-1\nDepends: libc6 (>= 2.34), libgcc-s1 | libgcc1,\n python3:any (>= 3.9~)\n"
            + "Description: one\n two\n"));
    assertEquals(List.of(List.of("libc6"), List.of("libgcc-s1", "libgcc1"), List.of("python3")), p.relations("Depends"));
    assertEquals(List.of(), p.relations("Pre-Depends"));
    assertEquals("one\ntwo", p.field("Description"));
  }

  @Test
  void theSameDebsGiveTheSamePackages() throws Exception {
    DebianToolchainRepo.require();
    Path debs = Files.createDirectories(tmp.resolve("debs"));
    for (Path deb : DebianToolchainRepo.debFiles(DebianToolchainRepo.debsDir())) {
      String n = deb.getFileName().toString();
      if (n.startsWith("make_") || n.startsWith("busybox-static_") || n.startsWith("zlib1g_")) {
        Files.createSymbolicLink(debs.resolve(n), deb);
      }
    }
    SigningKey key = RepoFixture.key(tmp.resolve("keys"));
    List<byte[]> first = new ArrayList<>();
    for (String run : List.of("a", "b")) {
      Path repo = tmp.resolve("repo-" + run);
      new DebianToolchain(debs, tmp.resolve("work-" + run), repo, key).build();
      List<Path> apks;
      try (var s = Files.list(repo.resolve("x86_64"))) {
        apks = s.filter(f -> f.toString().endsWith(".apk")).sorted().toList();
      }
      assertEquals(4, apks.size(), apks.toString());
      for (int i = 0; i < apks.size(); i++) {
        byte[] bytes = Files.readAllBytes(apks.get(i));
        if (run.equals("a")) {
          first.add(bytes);
        } else {
          assertTrue(Arrays.equals(first.get(i), bytes), apks.get(i) + " differs between two conversions");
        }
      }
    }
  }

  @Test
  void buildBaseAndBusyboxInstallIntoARootThatCompilesC() throws Exception {
    DebianToolchainRepo repo = DebianToolchainRepo.require();
    Requires.tool("unshare");
    Path root;
    ResolvedEnvironment env;
    try (DebianToolchainRepo.Served served = repo.serve()) {
      RepositoryClient client = new RepositoryClient(ClientSettings.of(tmp.resolve("cache"), tmp), new RecordingReporter());
      Environments envs = new Environments(client);
      env = envs.resolve(new EnvironmentRequest(List.of(served.url()), List.of(served.keyUrl()),
          List.of("build-base", "busybox"), "x86_64", false));
      root = new RootCache(tmp.resolve("roots")).root(env, envs).path();
    }
    List<String> names = env.packageList();
    for (String want : List.of("build-base-", "gcc-12-", "binutils-", "libc6-dev-", "libc6-", "make-", "busybox-")) {
      assertTrue(names.stream().anyMatch(n -> n.startsWith(want)), want + " in " + names);
    }
    for (String file : List.of("usr/bin/gcc", "usr/bin/cc", "usr/bin/as", "usr/bin/ld", "usr/bin/make",
        "usr/include/stdio.h", "lib64/ld-linux-x86-64.so.2", "bin/busybox")) {
      assertTrue(Files.isRegularFile(inRoot(root, file), LinkOption.NOFOLLOW_LINKS), file);
    }
    assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(root.resolve("bin/sh")));
    String db = Files.readString(root.resolve("lib/apk/db/installed"));
    for (String p : List.of("build-base", "gcc-12", "binutils", "libc6-dev", "make", "busybox")) {
      assertTrue(db.contains("\nP:" + p + "\n") || db.startsWith("P:" + p + "\n"), p + " in the installed database");
    }
    assertFalse(Files.exists(root.resolve("usr/share/doc"), LinkOption.NOFOLLOW_LINKS));

    // The root works on its own: its own sh, make, gcc, as, ld and libc, nothing from the host.
    // The root is this test's own (its cache is in tmp), so /tmp is made in place.
    Files.createDirectories(root.resolve("tmp"));
    ProcessBuilder pb = new ProcessBuilder("unshare", "--user", "--map-root-user", "--root=" + root, "/bin/sh", "-c",
        "cd /tmp && printf '#include <stdio.h>\\nint main(){puts(\"hi\");}\\n' > t.c"
            + " && printf 't: t.c\\n\\tcc t.c -o t\\n' > Makefile && make -s && ./t")
        .redirectErrorStream(true);
    pb.environment().put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
    pb.environment().put("TMPDIR", "/tmp");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
    assertEquals("hi\n", out);
  }

  /** Where {@code name} leads inside {@code root}, symlinks followed as a process rooted there sees them. */
  private static Path inRoot(Path root, String name) throws Exception {
    Path at = root;
    List<String> todo = new java.util.ArrayList<>(List.of(name.split("/")));
    for (int hops = 0; !todo.isEmpty(); ) {
      Path next = at.resolve(todo.remove(0));
      if (Files.isSymbolicLink(next)) {
        assertTrue(++hops < 40, name + ": too many links");
        String target = Files.readSymbolicLink(next).toString();
        todo.addAll(0, List.of(target.replaceFirst("^/+", "").split("/")));
        at = target.startsWith("/") ? root : at;
      } else {
        at = next.normalize();
        assertTrue(at.startsWith(root), name + " leaves the root");
      }
    }
    return at;
  }
}
