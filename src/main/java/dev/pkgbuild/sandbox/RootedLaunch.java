package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs a command with a package root as {@code /}, for both runners: the root read-only under
 * an overlay whose writable layer is a tmpfs of the step (so nothing a step writes outside the
 * workspace outlives it, and the cached root never changes, with nothing copied per step), the
 * workspace at /home/build, a fresh /dev, /proc and /tmp, and nothing of the host.
 *
 * <p>Why unshare and a script rather than bwrap: the overlay has to be mounted inside the
 * sandbox's user namespace, and bubblewrap 0.8 (Debian 12) has no overlay options (they came
 * with 0.9). So one launcher, {@code unshare} plus rooted-setup.sh, serves both runners: one
 * path, the one tested here.
 */
final class RootedLaunch {
  private static final String SCRIPT = Launch.script("rooted-setup.sh");
  /** The mount points the script makes inside the root; a link there would lead it onto the host. */
  private static final List<String> MOUNT_POINTS = List.of("etc", "home", "home/build", "tmp", "proc", "dev");
  /** What the root's shell can export: the final exec goes through it, not through env(1). */
  private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PLAIN_PATH = Pattern.compile("[^\\s\\\\]*");

  private final HostIdentity who;
  private final String unshare;
  private final HostLayout layout;

  RootedLaunch(HostIdentity who, String unshare) {
    this(who, unshare, null);
  }

  /** {@code layout}: the host toolchain put beneath roots of {@link ExecRequest#overHost} requests. */
  RootedLaunch(HostIdentity who, String unshare, HostLayout layout) {
    this.who = who;
    this.unshare = unshare;
    this.layout = layout;
  }

  /**
   * Gives a fresh root to the sandbox uid when pkgbuild runs as root, so that inside (where that
   * uid is 0) every file is root's; modes, set-ID bits included, stay. Nothing to do for a user.
   */
  void prepare(Path root) throws PkgbuildException {
    Path r = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(r)) {
      throw PkgbuildException.environment("build root " + r + " is not a directory");
    }
    if (!who.dropsRoot()) {
      return;
    }
    try {
      HandOver.tree(r, who.runAs(), who.runAsGid());
    } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
      throw PkgbuildException.environment("cannot hand build root " + r + " to sandbox uid " + who.runAs()
          + ": " + e.getMessage());
    }
  }

  /** Runs {@code request} (its {@link ExecRequest#root()} set) with the prepared workspace {@code ws}. */
  ExecResult run(ExecRequest request, Path ws) throws PkgbuildException {
    Path root = request.root().toAbsolutePath().normalize();
    check(root, request);
    return ProcessRunner.run(commandLine(request, ws, root, HostUmount.get()), Launch.HOST_ENV,
        request.timeout(), request.output(), request.interactive());
  }

  /** Everything that would otherwise fail inside, with a message naming neither mount nor script. */
  void check(Path root, ExecRequest request) throws PkgbuildException {
    if (!Files.isDirectory(root)) {
      throw PkgbuildException.environment("build root " + root + " is not a directory");
    }
    if (who.dropsRoot()) {
      HandOver.checkReachable(root, "build root", who.runAs());
    }
    if (request.overHost() && layout == null) {
      throw new IllegalStateException("no host layout to put beneath the root");
    }
    if (!request.overHost() && InRoot.resolve(root, "/bin/sh").filter(Files::isRegularFile).isEmpty()) {
      throw PkgbuildException.badInput("build root " + root
          + " has no /bin/sh: add busybox (or another shell) to the environment's packages");
    }
    for (String p : MOUNT_POINTS) {
      if (Files.isSymbolicLink(root.resolve(p))) {
        throw PkgbuildException.badInput("build root " + root + " has a symbolic link at /" + p
            + ", where the sandbox mounts its own folder");
      }
    }
    if (request.argv().isEmpty()) {
      throw PkgbuildException.badInput("sandbox command is empty");
    }
    for (String name : request.env().keySet()) {
      if (!SHELL_NAME.matcher(name).matches()) {
        throw PkgbuildException.badInput("environment variable '" + name
            + "' cannot be passed into a build root: use letters, digits and _ only");
      }
    }
  }

  /** The root's {@code /etc/ld.so.preload} as a path inside the root, links followed, or "". */
  static String preloadList(Path root) throws PkgbuildException {
    String path = InRoot.resolve(root, "/etc/ld.so.preload").filter(Files::isRegularFile)
        .map(p -> "/" + root.relativize(p)).orElse("");
    if (!PLAIN_PATH.matcher(path).matches()) { // it goes into a mount table, split at blanks
      throw PkgbuildException.badInput("build root " + root + " has /etc/ld.so.preload at " + path
          + ", a path with blanks or backslashes the sandbox cannot cover");
    }
    return path;
  }

  /** The complete host command line (for the benchmark and debugging). */
  List<String> commandLine(ExecRequest request, Path ws, Path root, HostUmount umount) throws PkgbuildException {
    List<String> argv = Launch.unshare(who, unshare, request.interactive());
    argv.addAll(List.of("/bin/sh", "-c", SCRIPT, "pkgbuild-rooted", ws.toString(), root.toString(), HostLayout.PASSWD,
        HostLayout.GROUP, HostLayout.HOSTS, request.workdir(), umount.umount(), umount.loader(),
        umount.libraryPath(), preloadList(root), request.overHost() ? layout.toolchainLines() : "",
        request.overHost() ? String.join("\n", layout.etc()) : ""));
    for (Map.Entry<String, String> e : new TreeMap<>(request.env()).entrySet()) {
      argv.add(e.getKey() + "=" + e.getValue());
    }
    argv.add("--");
    argv.addAll(request.argv());
    return argv;
  }
}
