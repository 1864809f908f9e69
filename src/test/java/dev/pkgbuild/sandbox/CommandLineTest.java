package dev.pkgbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host command lines, checked without starting anything. */
class CommandLineTest {
  private static final HostLayout USR_MERGED = new HostLayout(List.of(new HostLayout.Entry("/usr", null),
      new HostLayout.Entry("/bin", "usr/bin"), new HostLayout.Entry("/lib64", "usr/lib64")),
      List.of("/etc/ld.so.cache"));
  private static final HostIdentity ROOT = new HostIdentity(0, HostIdentity.SANDBOX_UID, HostIdentity.SANDBOX_UID);
  private static final HostIdentity USER = new HostIdentity(1000, 1000, -1);
  private static final Path ETC = Path.of("/tmp/pkgbuild-etc-1");
  private static final ExecRequest REQ = new ExecRequest(Path.of("/ws"), List.of("/bin/true"),
      Map.of("B", "2", "A", "1"), null, null, null, false);

  @Test
  void commandLine_usrMergedHostAsRoot_dropsRootAndRecreatesSymlinks() {
    List<String> argv = new BubblewrapSandbox(ROOT, USR_MERGED, "bwrap").commandLine(REQ, Path.of("/ws"), ETC);
    int setpriv = argv.indexOf("setpriv");
    assertTrue(setpriv == 0 && argv.indexOf("bwrap") > setpriv, argv.toString()); // no shell in front
    assertTrue(argv.contains("--reuid=" + HostIdentity.SANDBOX_UID), argv.toString());
    assertEquals("usr/bin", argv.get(argv.indexOf("/bin") - 1));
    assertEquals(List.of("--ro-bind", "/usr", "/usr"), argv.subList(argv.indexOf("/usr") - 1, argv.indexOf("/usr") + 2));
    assertTrue(argv.contains("--new-session"));
    assertFalse(argv.contains("--share-net"));
    assertTrue(Collections.indexOfSubList(argv, List.of("--setenv", "A", "1", "--setenv", "B", "2")) > 0);
    assertTrue(Collections.indexOfSubList(argv, List.of("--ro-bind", "/tmp/pkgbuild-etc-1/passwd", "/etc/passwd")) > 0);
    assertEquals(List.of("--", "/bin/true"), argv.subList(argv.size() - 2, argv.size()), "no wrapper around the command");
  }

  @Test
  void commandLine_userInteractive_noSetprivNoNewSession() {
    ExecRequest interactive = new ExecRequest(Path.of("/ws"), List.of("/bin/sh"), Map.of(), null, null, null, true);
    List<String> argv = new BubblewrapSandbox(USER, USR_MERGED, "bwrap").commandLine(interactive, Path.of("/ws"), ETC);
    assertFalse(argv.contains("setpriv"));
    assertFalse(argv.contains("--new-session"));
    List<String> unshare = new UnshareSandbox(USER, USR_MERGED, "unshare").commandLine(interactive, Path.of("/ws"));
    assertEquals(List.of("setpriv", "--pdeathsig=KILL", "--", "unshare"), unshare.subList(0, 4));
  }

  @Test
  void commandLine_unshareAsRoot_newSessionThenSetpriv() {
    List<String> argv = new UnshareSandbox(ROOT, USR_MERGED, "unshare").commandLine(REQ, Path.of("/ws"));
    assertEquals(List.of("setsid", "setpriv"), argv.subList(0, 2));
    assertEquals(List.of("A=1", "B=2", "/bin/true"), argv.subList(argv.size() - 3, argv.size()));
    assertTrue(argv.contains("/usr\n/bin usr/bin\n/lib64 usr/lib64\n"), argv.toString());
  }

  @Test
  void run_unshareCommandWithEquals_isRejected() {
    ExecRequest bad = new ExecRequest(Path.of("/ws"), List.of("A=B"), Map.of(), null, null, null, false);
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> new UnshareSandbox(USER, USR_MERGED, "unshare").run(bad));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
  }

  @Test
  void commandLine_rootedAsRoot_hostShellSetsUpThenEnvAndCommandAfterTheSeparator() throws Exception {
    HostUmount umount = new HostUmount("/usr/bin/umount", "/usr/lib/ld.so", "/usr/lib");
    List<String> argv = new RootedLaunch(ROOT, "unshare").commandLine(REQ.withRoot(Path.of("/roots/r1")),
        Path.of("/ws"), Path.of("/roots/r1"), umount);
    assertEquals(List.of("setsid", "setpriv"), argv.subList(0, 2));
    int sh = argv.indexOf("-c") - 1;
    assertEquals("/bin/sh", argv.get(sh), "the host's shell runs the setup");
    assertEquals(List.of("pkgbuild-rooted", "/ws", "/roots/r1"), argv.subList(sh + 3, sh + 6));
    assertEquals(List.of("/usr/bin/umount", "/usr/lib/ld.so", "/usr/lib", "", "", "", "A=1", "B=2", "--",
        "/bin/true"), argv.subList(argv.size() - 10, argv.size()));
  }

  @Test
  void withRoot_keepsEverythingElse() {
    ExecRequest rooted = REQ.withRoot(Path.of("/r"));
    assertEquals(Path.of("/r"), rooted.root());
    assertEquals(REQ, rooted.withRoot(null));
    assertEquals(null, REQ.root());
  }

  @Test
  void hostUmount_parse_readsLoaderAndLibraryFoldersFromLdd(@TempDir Path tmp) throws Exception {
    Path lib = Files.createDirectories(tmp.resolve("usr/lib/multiarch"));
    Files.writeString(lib.resolve("libc.so.6"), "");
    Files.writeString(lib.resolve("ld.so.2"), "");
    Files.createSymbolicLink(tmp.resolve("lib64"), lib); // the loader's usual path is a link: its real one is kept
    List<String> ldd = List.of("\tlinux-vdso.so.1 (0x00007ffd)", "\tlibc.so.6 => " + lib.resolve("libc.so.6") + " (0x7f)",
        "\t" + tmp.resolve("lib64/ld.so.2") + " (0x7f)");
    HostUmount u = HostUmount.parse("/usr/bin/umount", ldd);
    assertEquals(lib.toRealPath().toString(), u.libraryPath());
    assertEquals(lib.toRealPath().resolve("ld.so.2").toString(), u.loader());
    assertEquals("", HostUmount.parse("/sbin/umount", List.of("\tnot a dynamic executable")).loader());
  }
}
