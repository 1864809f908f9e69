package dev.pkgbuild.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One command for the sandbox.
 *
 * @param workspace host folder mounted read-write at {@code /home/build}
 * @param argv the command inside the sandbox, e.g. {@code /bin/sh -c script}
 * @param env the complete environment (the sandbox starts from an empty one)
 * @param workdir working directory inside the sandbox (absolute)
 * @param timeout kill the command after this long; {@code null} for no limit
 * @param output receives each output line (stdout and stderr merged) as it comes
 * @param interactive attach the terminal (for --interactive debugging shells)
 * @param root the installed package root the command runs in as {@code /} (read-only underneath,
 *     writes outside the workspace are thrown away after the step); {@code null} for the host
 *     toolchain
 * @param overHost with a root: the host toolchain read-only beneath the root's files (each of its
 *     folders an overlay of the root's over the host's), for testing a package built on the host
 */
public record ExecRequest(
    Path workspace,
    List<String> argv,
    Map<String, String> env,
    String workdir,
    Duration timeout,
    Consumer<String> output,
    boolean interactive,
    Path root,
    boolean overHost) {
  /** A request on the host toolchain (no package root). */
  public ExecRequest(Path workspace, List<String> argv, Map<String, String> env, String workdir,
      Duration timeout, Consumer<String> output, boolean interactive) {
    this(workspace, argv, env, workdir, timeout, output, interactive, null, false);
  }

  /** A request in {@code root} as {@code /} ({@code null}: on the host toolchain). */
  public ExecRequest(Path workspace, List<String> argv, Map<String, String> env, String workdir,
      Duration timeout, Consumer<String> output, boolean interactive, Path root) {
    this(workspace, argv, env, workdir, timeout, output, interactive, root, false);
  }

  public ExecRequest {
    Objects.requireNonNull(workspace, "workspace");
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
    for (String name : env.keySet()) {
      if (name.isEmpty() || name.contains("=") || name.contains("\0")) {
        throw new IllegalArgumentException("bad environment variable name: " + name);
      }
    }
    workdir = workdir == null ? "/home/build" : workdir;
    output = output == null ? line -> {} : output;
    if (overHost && root == null) {
      throw new IllegalArgumentException("overHost needs a root");
    }
  }

  /** The same request run in {@code root} as {@code /} ({@code null}: on the host toolchain). */
  public ExecRequest withRoot(Path root) {
    return new ExecRequest(workspace, argv, env, workdir, timeout, output, interactive, root, false);
  }

  /** The same request run in {@code root} with the host toolchain beneath it. */
  public ExecRequest overHost(Path root) {
    return new ExecRequest(workspace, argv, env, workdir, timeout, output, interactive, root, true);
  }
}
