package dev.pkgbuild.testing;

import dev.pkgbuild.sandbox.ExecRequest;
import dev.pkgbuild.sandbox.ExecResult;
import dev.pkgbuild.sandbox.Sandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sandbox for tests of orchestration, not isolation: it records every request (argv, env,
 * working directory, the workspace mount, the package root) and either runs the step on the host, with the
 * sandbox's {@code /home/build} rewritten to the workspace folder and no isolation at all,
 * or runs nothing and answers with a fixed exit code. It keeps no timeout: the builder sets none.
 */
public final class RecordingSandbox implements Sandbox {
  static final String HOME = "/home/build";
  static final int TAIL_LINES = 40;

  /**
   * One request as the builder made it, and what came of it.
   *
   * @param mounts host folder to the path it is mounted at inside
   * @param started when the request came in
   * @param finished when its answer went out
   * @param root the package root the step asked for as {@code /} ({@code null}: the host toolchain);
   *     steps run on the host ignore it
   */
  public record Exec(List<String> argv, Map<String, String> env, String workdir, Map<Path, String> mounts,
      Instant started, Instant finished, int exitCode, Path root) {
    /** The host folder mounted at /home/build. */
    public Path workspace() {
      return mounts.keySet().iterator().next();
    }

    /** The shell script of a {@code /bin/sh -c} step. */
    public String script() {
      return argv.get(argv.size() - 1);
    }
  }

  private final Integer fixedExit;
  private final List<String> fixedTail;
  private final List<Exec> execs = Collections.synchronizedList(new ArrayList<>());
  private final List<Path> hostWrites = Collections.synchronizedList(new ArrayList<>());
  private final List<Path> preparedRoots = Collections.synchronizedList(new ArrayList<>());

  private RecordingSandbox(Integer fixedExit, List<String> fixedTail) {
    this.fixedExit = fixedExit;
    this.fixedTail = List.copyOf(fixedTail);
  }

  /** Runs each step on the host, under its workspace folder. */
  public static RecordingSandbox onHost() {
    return new RecordingSandbox(null, List.of());
  }

  /** Runs nothing; every request ends with {@code exitCode} and {@code tail} as its last output. */
  public static RecordingSandbox exiting(int exitCode, String... tail) {
    return new RecordingSandbox(exitCode, List.of(tail));
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public ExecResult run(ExecRequest request) {
    if (request.interactive()) {
      throw new IllegalStateException("the recording sandbox opens no interactive shells");
    }
    if (request.timeout() != null) {
      throw new IllegalStateException("the recording sandbox keeps no timeout");
    }
    Instant start = Instant.now();
    ExecResult r = fixedExit != null ? answer(request, fixedExit) : onHost(request);
    execs.add(new Exec(request.argv(), request.env(), request.workdir(), Map.of(request.workspace(), HOME),
        start, Instant.now(), r.exitCode(), request.root()));
    return r;
  }

  @Override
  public void hostWrote(Path workspace) {
    hostWrites.add(workspace);
  }

  @Override
  public void prepareRoot(Path root) {
    preparedRoots.add(root);
  }

  /** The roots handed to {@link #prepareRoot}, in order. */
  public List<Path> preparedRoots() {
    synchronized (preparedRoots) {
      return List.copyOf(preparedRoots);
    }
  }

  /** Every request so far, in the order they ended. */
  public List<Exec> execs() {
    synchronized (execs) {
      return List.copyOf(execs);
    }
  }

  /** The workspaces the builder said it wrote into from the host, in order. */
  public List<Path> hostWrites() {
    synchronized (hostWrites) {
      return List.copyOf(hostWrites);
    }
  }

  private ExecResult answer(ExecRequest request, int code) {
    fixedTail.forEach(request.output());
    return new ExecResult(code, fixedTail, Duration.ZERO, false);
  }

  private static ExecResult onHost(ExecRequest request) {
    String ws = request.workspace().toString();
    List<String> argv = request.argv().stream().map(a -> a.replace(HOME, ws)).toList();
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().clear();
    Map<String, String> env = new LinkedHashMap<>();
    request.env().forEach((k, v) -> env.put(k, v.replace(HOME, ws)));
    Path workdir = Path.of(request.workdir().replace(HOME, ws));
    env.put("PWD", workdir.toString());
    pb.environment().putAll(env);
    pb.directory((Files.isDirectory(workdir) ? workdir : request.workspace()).toFile());
    long t0 = System.nanoTime();
    try {
      Process p = pb.start();
      Deque<String> tail = new ArrayDeque<>();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          request.output().accept(line);
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
      return new ExecResult(p.waitFor(), List.copyOf(tail), Duration.ofNanos(System.nanoTime() - t0), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running a step on the host", e);
    }
  }
}
