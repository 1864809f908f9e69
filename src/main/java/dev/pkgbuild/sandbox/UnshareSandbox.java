package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs commands with util-linux {@code unshare}, for hosts without a working bwrap: the same
 * namespaces and the same view as {@link BubblewrapSandbox}, built by a small generated shell
 * script that makes a new root on a tmpfs and pivots into it.
 */
public final class UnshareSandbox implements Sandbox {
  private static final String SCRIPT = loadScript();

  private final HostIdentity who;
  private final WorkspaceAccess access;
  private final HostLayout layout;
  private final String unshare;

  /** A runner that starts {@code unshare} (a name on the PATH or an absolute path) as {@code who}. */
  public UnshareSandbox(HostIdentity who, String unshare) {
    this(who, HostLayout.probe(), unshare);
  }

  UnshareSandbox(HostIdentity who, HostLayout layout, String unshare) {
    this.who = who;
    this.access = new WorkspaceAccess(who);
    this.layout = layout;
    this.unshare = unshare;
  }

  @Override
  public String name() {
    return "unshare";
  }

  @Override
  public ExecResult run(ExecRequest request) throws PkgbuildException {
    if (request.argv().isEmpty() || request.argv().get(0).contains("=")) {
      throw PkgbuildException.badInput("sandbox command must be a program name without '=': "
          + request.argv());
    }
    Path ws = access.prepare(request.workspace());
    return ProcessRunner.run(commandLine(request, ws), Launch.HOST_ENV, request.timeout(),
        request.output(), request.interactive());
  }

  @Override
  public void hostWrote(Path workspace) {
    access.hostWrote(workspace);
  }

  /** The complete host command line for {@code request} (for the benchmark and debugging). */
  List<String> commandLine(ExecRequest request, Path ws) {
    List<String> argv = new ArrayList<>();
    if (!request.interactive()) {
      argv.add("setsid"); // a new session: the build cannot reach the user's terminal
    }
    argv.addAll(who.setpriv(true)); // bwrap's --die-with-parent, for unshare
    argv.addAll(List.of(unshare, "--user", "--map-root-user", "--mount", "--propagation", "private",
        "--pid", "--fork", "--kill-child", "--net", "--ipc", "--uts", "--cgroup",
        "--", "/bin/sh", "-c", SCRIPT, "pkgbuild-sandbox", ws.toString(), HostLayout.PASSWD,
        HostLayout.GROUP, HostLayout.HOSTS, request.workdir(), toolchainLines(), String.join("\n", layout.etc())));
    for (Map.Entry<String, String> e : new TreeMap<>(request.env()).entrySet()) {
      argv.add(e.getKey() + "=" + e.getValue());
    }
    argv.addAll(request.argv());
    return argv;
  }

  private String toolchainLines() {
    StringBuilder sb = new StringBuilder();
    for (HostLayout.Entry e : layout.toolchain()) {
      sb.append(e.path()).append(e.isLink() ? " " + e.linkTarget() : "").append('\n');
    }
    return sb.toString();
  }

  private static String loadScript() {
    try (InputStream in = UnshareSandbox.class.getResourceAsStream("unshare-setup.sh")) {
      if (in == null) {
        throw new IllegalStateException("unshare-setup.sh is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
