package dev.pkgbuild.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * What a sandboxed command did.
 *
 * @param exitCode the command's exit code (128+N when killed by signal N, 124 on timeout)
 * @param tail the last lines of its output (at most 40), for failure messages
 * @param elapsed wall time
 * @param timedOut whether the timeout killed it
 */
public record ExecResult(int exitCode, List<String> tail, Duration elapsed, boolean timedOut) {
  public ExecResult {
    tail = List.copyOf(tail);
  }

  public boolean ok() {
    return exitCode == 0 && !timedOut;
  }
}
