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
 * read-write at /home/build, the host toolchain read-only, and nothing else of the host. A
 * request with a package root goes through {@link RootedLaunch} (util-linux unshare), as
 * bubblewrap 0.8 cannot mount the overlay it needs.
 */
public final class BubblewrapSandbox implements Sandbox {
  private final HostIdentity who;
  private final WorkspaceAccess access;
  private final HostLayout layout;
  private final String bwrap;
  private final RootedLaunch rooted;

  /** A runner that starts {@code bwrap} (a name on the PATH or an absolute path) as {@code who}. */
  public BubblewrapSandbox(HostIdentity who, String bwrap) {
    this(who, HostLayout.probe(), bwrap);
  }

  BubblewrapSandbox(HostIdentity who, HostLayout layout, String bwrap) {
    this.who = who;
    this.access = new WorkspaceAccess(who);
    this.layout = layout;
    this.bwrap = bwrap;
    this.rooted = new RootedLaunch(who, "unshare", layout);
  }

  @Override
  public String name() {
    return "bubblewrap";
  }

  @Override
  public ExecResult run(ExecRequest request) throws PkgbuildException {
    Path ws = access.prepare(request.workspace());
    if (request.root() != null) {
      return rooted.run(request, ws);
    }
    return ProcessRunner.run(commandLine(request, ws, GeneratedEtc.folder()), Launch.HOST_ENV, request.timeout(),
        request.output(), request.interactive());
  }

  @Override
  public void prepareRoot(Path root) throws PkgbuildException {
    rooted.prepare(root);
  }

  @Override
  public void hostWrote(Path workspace) {
    access.hostWrote(workspace);
  }

  /** The complete host command line for {@code request} (for the benchmark and debugging). */
  List<String> commandLine(ExecRequest request, Path ws, Path etc) {
    List<String> argv = new ArrayList<>(who.dropPrefix());
    argv.add(bwrap);
    argv.addAll(List.of("--unshare-all", "--unshare-user", "--die-with-parent", "--uid", "0", "--gid", "0",
        "--hostname", "pkgbuild"));
    if (!request.interactive()) {
      argv.add("--new-session");
    }
    addHost(argv, etc);
    argv.addAll(List.of("--bind", ws.toString(), "/home/build", "--dev", "/dev", "--proc", "/proc",
        "--tmpfs", "/tmp", "--remount-ro", "/", "--chdir", request.workdir(), "--clearenv"));
    for (Map.Entry<String, String> e : new TreeMap<>(request.env()).entrySet()) {
      argv.addAll(List.of("--setenv", e.getKey(), e.getValue()));
    }
    // bwrap sets PWD to the working directory itself, as a shell would
    argv.add("--");
    argv.addAll(request.argv());
    return argv;
  }

  private void addHost(List<String> argv, Path etc) {
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
    for (String name : List.of("passwd", "group", "hosts")) {
      argv.addAll(List.of("--ro-bind", etc.resolve(name).toString(), "/etc/" + name));
    }
  }
}
