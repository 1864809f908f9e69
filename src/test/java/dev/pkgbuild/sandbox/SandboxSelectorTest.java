package dev.pkgbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.testing.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxSelectorTest {
  @TempDir Path tmp;

  private static SandboxSelector host() {
    return SandboxSelector.forHost("/usr/bin:/bin");
  }

  @ParameterizedTest
  @CsvSource({"auto, bubblewrap", "bubblewrap, bubblewrap", "unshare, unshare"})
  void select_workingHost_passesPreflightQuickly(String runner, String expected) throws Exception {
    Requires.tool("bwrap");
    Requires.tool("unshare");
    SandboxSelector.Selection s = host().select(runner);
    assertEquals(expected, s.sandbox().name());
    assertTrue(s.preflight().compareTo(Duration.ofSeconds(3)) < 0, s.preflight().toString());
  }

  @Test
  void select_unknownRunner_isBadInput() {
    PkgbuildException e = assertThrows(PkgbuildException.class, () -> host().select("docker"));
    assertEquals(ExitStatus.BAD_INPUT, e.status());
    assertEquals("unknown sandbox runner 'docker' (expected auto, bubblewrap or unshare)", e.getMessage());
  }

  @Test
  void select_appArmorRestriction_namesTheSysctlFix() throws Exception {
    Path procSys = fakeProcSys("kernel/apparmor_restrict_unprivileged_userns", "1");
    Path bin = brokenTools("bwrap", "unshare");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> new SandboxSelector(HostIdentity.current(), List.of(bin), procSys).select("auto"));
    assertEquals(ExitStatus.ENVIRONMENT, e.status());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith("no working sandbox (bubblewrap: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("AppArmor forbids unprivileged user namespaces (kernel.apparmor_restrict_"
        + "unprivileged_userns=1, the Ubuntu 24.04 default); fix: sudo sysctl -w "
        + "kernel.apparmor_restrict_unprivileged_userns=0"), e.getMessage());
  }

  @Test
  void select_oldDebianSwitchOff_namesTheSysctlFix() throws Exception {
    Path procSys = fakeProcSys("kernel/unprivileged_userns_clone", "0");
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> new SandboxSelector(HostIdentity.current(), List.of(brokenTools("bwrap")), procSys).select("bubblewrap"));
    assertTrue(e.getMessage().endsWith("fix: sudo sysctl -w kernel.unprivileged_userns_clone=1"), e.getMessage());
  }

  @Test
  void select_noBwrapNoUnshare_namesTheInstallCommand() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty-bin"));
    PkgbuildException e = assertThrows(PkgbuildException.class,
        () -> new SandboxSelector(HostIdentity.current(), List.of(empty), fakeProcSys("x", "1")).select("auto"));
    assertEquals("no working sandbox (bwrap not found; unshare not found): bubblewrap is not installed;"
        + " fix: sudo apt-get install bubblewrap", e.getMessage());
  }

  /** Tools that exist but fail as a refused namespace would, each printing bwrap's cryptic line. */
  private Path brokenTools(String... names) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String name : names) {
      Path tool = bin.resolve(name);
      Files.writeString(tool, "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
      Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }

  private Path fakeProcSys(String key, String value) throws Exception {
    Path procSys = tmp.resolve("proc-sys");
    Files.createDirectories(procSys.resolve(key).getParent());
    Files.writeString(procSys.resolve(key), value + "\n");
    return procSys;
  }
}
