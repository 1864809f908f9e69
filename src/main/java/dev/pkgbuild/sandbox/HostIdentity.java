package dev.pkgbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who starts the sandbox on the host. A user namespace whose uid 0 maps to the real root
 * is not unprivileged, so when pkgbuild runs as root the sandbox is started as
 * {@link #SANDBOX_UID} instead, and the workspace is handed to that uid first.
 *
 * @param euid the effective uid of this JVM
 * @param runAs the host uid the sandboxed process runs as
 * @param runAsGid the host gid the sandboxed process runs as
 */
public record HostIdentity(int euid, int runAs, int runAsGid) {
  /**
   * A dedicated host uid (and gid) for builds started by root: not root, not a login user
   * and not nobody (whose files other services share); far above where subuid ranges start.
   */
  public static final int SANDBOX_UID = 2_000_000_000;

  /** The identity of the running JVM, from /proc/self/status. */
  public static HostIdentity current() {
    int euid = effectiveUid(Path.of("/proc/self/status"));
    return euid == 0 ? new HostIdentity(0, SANDBOX_UID, SANDBOX_UID) : new HostIdentity(euid, euid, -1);
  }

  /** Whether the sandbox must drop from root to {@link #runAs} before it starts. */
  public boolean dropsRoot() {
    return euid == 0;
  }

  /** The {@code setpriv} prefix that drops root, or nothing when not root. */
  List<String> dropPrefix() {
    return setpriv(false);
  }

  /**
   * A {@code setpriv} prefix that drops root when needed and, with {@code dieWithParent}, makes
   * the launcher die with the JVM even when the JVM is killed outright.
   */
  List<String> setpriv(boolean dieWithParent) {
    List<String> argv = new ArrayList<>();
    if (dropsRoot() || dieWithParent) {
      argv.add("setpriv");
    }
    if (dropsRoot()) {
      argv.addAll(List.of("--reuid=" + runAs, "--regid=" + runAsGid, "--clear-groups", "--inh-caps=-all"));
    }
    if (dieWithParent) {
      argv.add("--pdeathsig=KILL");
    }
    if (!argv.isEmpty()) {
      argv.add("--");
    }
    return argv;
  }

  static int effectiveUid(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux or no /proc: treat as unprivileged, the preflight will say what fails
    }
    return -1;
  }
}
