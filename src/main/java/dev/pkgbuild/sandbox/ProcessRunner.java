package dev.pkgbuild.sandbox;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts one host process (the sandbox launcher), streams its merged output line by line,
 * keeps the tail, enforces the timeout and never leaves the process tree behind, even when
 * pkgbuild itself is interrupted.
 */
final class ProcessRunner {
  static final int TAIL_LINES = 40;
  static final int TIMEOUT_EXIT = 124;

  private ProcessRunner() {}

  /** Runs {@code argv} with exactly {@code env}; the output goes to {@code output}. */
  static ExecResult run(List<String> argv, Map<String, String> env, Duration timeout,
      Consumer<String> output, boolean interactive) throws PkgbuildException {
    long start = System.nanoTime();
    Process p = start(builder(argv, env, interactive), argv);
    Thread reaper = new Thread(() -> killTree(p.toHandle()), "pkgbuild-sandbox-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      Deque<String> tail = new ArrayDeque<>();
      Thread pump = interactive ? null : pump(p, output, tail);
      boolean timedOut = !waitFor(p, timeout);
      if (timedOut) {
        killTree(p.toHandle());
      }
      int code = waitQuietly(p);
      joinQuietly(pump);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      synchronized (tail) {
        return new ExecResult(timedOut ? TIMEOUT_EXIT : code, new ArrayList<>(tail), elapsed, timedOut);
      }
    } finally {
      killTree(p.toHandle());
      removeHook(reaper);
    }
  }

  /** Runs a short helper command (chown, a probe) and returns its exit code and output. */
  static ExecResult runQuietly(List<String> argv, Map<String, String> env, Duration timeout)
      throws PkgbuildException {
    return run(argv, env, timeout, line -> {}, false);
  }

  private static ProcessBuilder builder(List<String> argv, Map<String, String> env, boolean interactive) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(env);
    if (interactive) {
      return pb.inheritIO();
    }
    return pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
  }

  private static Process start(ProcessBuilder pb, List<String> argv) throws PkgbuildException {
    try {
      return pb.start();
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot start " + argv.get(0) + ": " + e.getMessage());
    }
  }

  private static Thread pump(Process p, Consumer<String> output, Deque<String> tail) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
              tail.removeFirst();
            }
            tail.addLast(line);
          }
          output.accept(line);
        }
      } catch (IOException e) {
        // the process was killed while we read: the tail so far is what we report
      }
    }, "pkgbuild-sandbox-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      if (timeout == null) {
        p.waitFor();
        return true;
      }
      return p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(p.toHandle());
      return true;
    }
  }

  private static int waitQuietly(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static void joinQuietly(Thread t) {
    if (t == null) {
      return;
    }
    try {
      t.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Kills the descendants first, so none is re-parented and survives, then waits (briefly)
   * until they are gone: on a loaded machine a killed process can take a while to exit, and
   * callers rely on nothing of the command being left when run() returns.
   */
  static void killTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // Gone or stuck in the kernel: nothing more a kill can do.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down and runs the hook itself
    }
  }
}
