package dev.pkgbuild.repo;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive publishing lock of one arch folder: an OS lock on {@code <arch>/.lock}, which
 * the kernel drops when its process dies, so a lock is never left behind by a killed process.
 * The holder writes its pid into the file so a waiter can name it.
 */
final class ArchLock implements AutoCloseable {
  /**
   * The JVM allows one OS lock per file per process and throws for a second thread, so threads
   * queue on an in-process lock first. It must be shared by every Repository in the process,
   * hence static; entries are never removed (one per arch folder ever published to).
   */
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;

  private ArchLock(ReentrantLock local, FileChannel channel) {
    this.local = local;
    this.channel = channel;
  }

  /** Takes the lock of {@code archDir}, waiting at most {@code wait}, then failing with the holder's pid. */
  static ArchLock acquire(Path archDir, Duration wait) throws PkgbuildException {
    Path file = archDir.resolve(".lock");
    Path key = realPath(archDir);
    ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(archDir, "another thread of this process (pid " + ProcessHandle.current().pid() + ")", wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("interrupted while waiting for the lock of " + archDir);
    }
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      waitForOsLock(ch, file, deadline, wait);
      writePid(ch);
      return new ArchLock(local, ch);
    } catch (IOException e) {
      local.unlock();
      throw PkgbuildException.environment("cannot lock " + file + ": " + e.getMessage());
    } catch (PkgbuildException | RuntimeException e) {
      local.unlock();
      throw e;
    }
  }

  private static FileLock waitForOsLock(FileChannel ch, Path file, long deadline, Duration wait)
      throws IOException, PkgbuildException {
    long pause = 5;
    while (true) {
      FileLock fl = ch.tryLock();
      if (fl != null) {
        return fl;
      }
      if (System.nanoTime() > deadline) {
        ch.close();
        throw busy(file.getParent(), "pid " + holder(file), wait);
      }
      sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }

  private static void sleep(long millis) throws PkgbuildException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PkgbuildException.failed("interrupted while waiting for a repository lock");
    }
  }

  private static PkgbuildException busy(Path archDir, String holder, Duration wait) {
    return PkgbuildException.environment(archDir + " is locked by " + holder + "; gave up after "
        + wait.toSeconds() + " s (a lock dies with its process, so that process is still running)");
  }

  /** The pid the holder wrote, or "unknown" when it has not written it yet. */
  static String holder(Path lockFile) {
    try {
      String s = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
      return s.matches("\\d+") ? s : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void writePid(FileChannel ch) throws IOException {
    byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(pid), 0);
  }

  private static Path realPath(Path dir) throws PkgbuildException {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw PkgbuildException.environment("cannot open repository folder " + dir + ": " + e.getMessage());
    }
  }

  /** Clears the pid and releases both locks. */
  @Override
  public void close() {
    try (FileChannel ch = channel) {
      ch.truncate(0);
    } catch (IOException ignored) {
      // Closing the channel releases the OS lock even when clearing the pid failed.
    } finally {
      local.unlock();
    }
  }
}
