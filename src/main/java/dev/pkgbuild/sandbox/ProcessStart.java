package dev.pkgbuild.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named so that a reused pid is not mistaken for it: its pid and its start time in
 * clock ticks since boot, as the kernel reports it in {@code /proc/PID/stat}. The ticks are
 * used as they are, not turned into a wall time, which would move when the clock is set.
 *
 * @param pid the process id
 * @param startTicks field 22 of {@code /proc/PID/stat}
 */
record ProcessStart(long pid, long startTicks) {
  /** This process, or empty where /proc cannot say (not Linux). */
  static Optional<ProcessStart> current() {
    try {
      // /proc/self/stat names the pid too; ProcessHandle would cost its start-up on every run
      String stat = Files.readString(Path.of("/proc/self/stat"));
      return Optional.of(new ProcessStart(Long.parseLong(stat.substring(0, stat.indexOf(' '))), startTicks(stat)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether it has exited and been reaped, or its pid now names a later process. */
  boolean gone() {
    try {
      return startTicks(Files.readString(stat(pid))) != startTicks;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // cannot tell: treat it as alive
    }
  }

  private static Path stat(long pid) {
    return Path.of("/proc", Long.toString(pid), "stat");
  }

  /** The command name in field 2 may hold spaces and parentheses: count fields after its last ')'. */
  static long startTicks(String stat) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(after[22 - 3]);
  }
}
