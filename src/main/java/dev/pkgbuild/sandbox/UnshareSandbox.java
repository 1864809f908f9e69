package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs commands with util-linux {@code unshare}, for hosts without a working bwrap: the same
 * namespaces and the same view as {@link BubblewrapSandbox}, built by a small generated shell
 * script that makes a new root on a tmpfs and pivots into it. A request with a package root
 * goes through {@link RootedLaunch}.
 */
public final class UnshareSandbox implements Sandbox {
  private static final String SCRIPT = Launch.script("unshare-setup.sh");

  private final HostIdentity who;
  private final WorkspaceAccess access;
  private final HostLayout layout;
  private final String unshare;
  private final RootedLaunch rooted;

  /** A runner that starts {@code unshare} (a name on the PATH or an absolute path) as {@code who}. */
  public UnshareSandbox(HostIdentity who, String unshare) {
    this(who, HostLayout.probe(), unshare);
  }

  UnshareSandbox(HostIdentity who, HostLayout layout, String unshare) {
    this.who = who;
    this.access = new WorkspaceAccess(who);
    this.layout = layout;
    this.unshare = unshare;
    this.rooted = new RootedLaunch(who, unshare, layout);
  }

  @Override
  public String name() {
    return "unshare";
  }

  @Override
  public ExecResult run(ExecRequest request) throws PkgbuildException {
    if (request.root() != null) {
      return rooted.run(request, access.prepare(request.workspace()));
    }
    if (request.argv().isEmpty() || request.argv().get(0).contains("=")) {
      throw PkgbuildException.badInput("sandbox command must be a program name without '=': "
          + request.argv());
    }
    Path ws = access.prepare(request.workspace());
    return ProcessRunner.run(commandLine(request, ws), Launch.HOST_ENV, request.timeout(),
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
  List<String> commandLine(ExecRequest request, Path ws) {
    List<String> argv = Launch.unshare(who, unshare, request.interactive());
    argv.addAll(List.of("/bin/sh", "-c", SCRIPT, "pkgbuild-sandbox", ws.toString(), HostLayout.PASSWD,
        HostLayout.GROUP, HostLayout.HOSTS, request.workdir(), layout.toolchainLines(), String.join("\n", layout.etc())));
    for (Map.Entry<String, String> e : new TreeMap<>(request.env()).entrySet()) {
      argv.add(e.getKey() + "=" + e.getValue());
    }
    argv.addAll(request.argv());
    return argv;
  }

}
