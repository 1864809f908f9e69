package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs commands under bubblewrap: new user, mount, PID, IPC, UTS, cgroup and network
 * namespaces (so only a loopback interface that is down), uid 0 inside, the workspace
 * read-write at /home/build, the host toolchain read-only, and nothing else of the host.
 */
public final class BubblewrapSandbox implements Sandbox {
  /**
   * Opens the generated /etc files as descriptors 4, 5 and 6 for bwrap's --ro-bind-data,
   * then execs the rest of the arguments, so bwrap stays a direct child of the JVM.
   */
  static final String LAUNCHER = "exec 4<<PKGBUILD_PASSWD 5<<PKGBUILD_GROUP 6<<PKGBUILD_HOSTS\n"
      + "$1\nPKGBUILD_PASSWD\n$2\nPKGBUILD_GROUP\n$3\nPKGBUILD_HOSTS\nshift 3\nexec \"$@\"\n";

  private final HostIdentity who;
  private final HostLayout layout;
  private final String bwrap;

  /** A runner that starts {@code bwrap} (a name on the PATH or an absolute path) as {@code who}. */
  public BubblewrapSandbox(HostIdentity who, String bwrap) {
    this(who, HostLayout.probe(), bwrap);
  }

  BubblewrapSandbox(HostIdentity who, HostLayout layout, String bwrap) {
    this.who = who;
    this.layout = layout;
    this.bwrap = bwrap;
  }

  @Override
  public String name() {
    return "bubblewrap";
  }

  @Override
  public ExecResult run(ExecRequest request) throws PkgbuildException {
    Path ws = WorkspaceAccess.prepare(request.workspace(), who);
    return ProcessRunner.run(commandLine(request, ws), Launch.HOST_ENV, request.timeout(),
        request.output(), request.interactive());
  }

  /** The complete host command line for {@code request} (for the benchmark and debugging). */
  List<String> commandLine(ExecRequest request, Path ws) {
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCHER, "sh",
        HostLayout.PASSWD, HostLayout.GROUP, HostLayout.HOSTS));
    argv.addAll(who.dropPrefix());
    argv.add(bwrap);
    argv.addAll(List.of("--unshare-all", "--unshare-user", "--die-with-parent", "--uid", "0", "--gid", "0",
        "--hostname", "pkgbuild"));
    if (!request.interactive()) {
      argv.add("--new-session");
    }
    addHost(argv);
    argv.addAll(List.of("--bind", ws.toString(), "/home/build", "--dev", "/dev", "--proc", "/proc",
        "--tmpfs", "/tmp", "--remount-ro", "/", "--chdir", request.workdir(), "--clearenv"));
    for (Map.Entry<String, String> e : new TreeMap<>(request.env()).entrySet()) {
      argv.addAll(List.of("--setenv", e.getKey(), e.getValue()));
    }
    argv.add("--");
    if (!request.env().containsKey("PWD")) {
      argv.addAll(List.of("/usr/bin/env", "-u", "PWD", "--")); // bwrap --chdir always sets PWD
    }
    argv.addAll(request.argv());
    return argv;
  }

  private void addHost(List<String> argv) {
    for (HostLayout.Entry e : layout.toolchain()) {
      if (e.isLink()) {
        argv.addAll(List.of("--symlink", e.linkTarget(), e.path()));
      } else {
        argv.addAll(List.of("--ro-bind", e.path(), e.path()));
      }
    }
    argv.addAll(List.of("--dir", "/etc"));
    for (String p : layout.etc()) {
      argv.addAll(List.of("--ro-bind", p, p));
    }
    argv.addAll(List.of("--ro-bind-data", "4", "/etc/passwd", "--ro-bind-data", "5", "/etc/group",
        "--ro-bind-data", "6", "/etc/hosts"));
  }
}
