package dev.pkgbuild.source;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Closes a stream that has received nothing for a while: the JDK HTTP client times out
 * waiting for headers but not for a body that stalls half way. Also used by the APK
 * repository client in {@code env}.
 */
public final class IdleWatch implements AutoCloseable {
  private final Closeable stream;
  private final long idleNanos;
  private final Thread thread;
  private volatile long last = System.nanoTime();
  private volatile boolean fired;
  private volatile boolean stopped;

  public IdleWatch(Closeable stream, Duration idle) {
    this.stream = stream;
    this.idleNanos = idle.toNanos();
    this.thread = new Thread(this::watch, "pkgbuild-download-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Data arrived. */
  public void touch() {
    last = System.nanoTime();
  }

  /** Whether the stream was closed for being idle. */
  public boolean fired() {
    return fired;
  }

  private void watch() {
    long step = Math.max(1, idleNanos / 4_000_000);
    while (!stopped) {
      if (System.nanoTime() - last > idleNanos) {
        fired = true;
        try {
          stream.close();
        } catch (IOException ignored) {
          // The reader sees the failure; nothing more to do here.
        }
        return;
      }
      try {
        Thread.sleep(step);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
