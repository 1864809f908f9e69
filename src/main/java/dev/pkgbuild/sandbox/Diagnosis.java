package dev.pkgbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Explains why no sandbox could start, from the kernel's settings under /proc/sys, and names
 * the one command that fixes it.
 *
 * @param why what stops the sandbox
 * @param fix the command that fixes it
 */
record Diagnosis(String why, String fix) {
  /** Reads the user-namespace switches under {@code procSys} (normally /proc/sys). */
  static Diagnosis of(Path procSys, boolean bwrapFound, boolean unshareFound) {
    if ("1".equals(read(procSys, "kernel/apparmor_restrict_unprivileged_userns"))) {
      return new Diagnosis("AppArmor forbids unprivileged user namespaces"
          + " (kernel.apparmor_restrict_unprivileged_userns=1, the Ubuntu 24.04 default)",
          "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
    }
    if ("0".equals(read(procSys, "kernel/unprivileged_userns_clone"))) {
      return new Diagnosis("the kernel forbids unprivileged user namespaces"
          + " (kernel.unprivileged_userns_clone=0)", "sudo sysctl -w kernel.unprivileged_userns_clone=1");
    }
    if ("0".equals(read(procSys, "user/max_user_namespaces"))) {
      return new Diagnosis("user namespaces are disabled (user.max_user_namespaces=0)",
          "sudo sysctl -w user.max_user_namespaces=15000");
    }
    if (!bwrapFound) {
      return new Diagnosis("bubblewrap is not installed" + (unshareFound ? " and unshare failed" : ""),
          "sudo apt-get install bubblewrap");
    }
    if (!unshareFound) {
      return new Diagnosis("bwrap failed and unshare is not installed", "sudo apt-get install util-linux");
    }
    return new Diagnosis("the kernel or a container runtime refuses to create user namespaces"
        + " (in Docker, its seccomp profile blocks them)",
        "docker run --security-opt seccomp=unconfined --security-opt apparmor=unconfined ...");
  }

  private static String read(Path procSys, String key) {
    try {
      return Files.readString(procSys.resolve(key)).trim();
    } catch (IOException e) {
      return null; // the switch does not exist on this kernel
    }
  }
}
