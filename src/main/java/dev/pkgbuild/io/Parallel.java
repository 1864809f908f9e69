package dev.pkgbuild.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps a list on every core, keeping its order. Items are handed out in list order, so when
 * some fail, every earlier item has run and the failure thrown is the first in list order,
 * whatever the timing: errors come out the same on every run.
 */
public final class Parallel {
  /** One item's work. */
  @FunctionalInterface
  public interface Work<T, R, E extends Exception> {
    R apply(T item) throws E;
  }

  private Parallel() {}

  /**
   * {@code work} applied to each item, results in list order.
   *
   * @throws E the failure of the first item in list order that failed
   */
  public static <T, R, E extends Exception> List<R> map(List<T> items, Work<T, R, E> work) throws E {
    int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
    Object[] results = new Object[items.size()];
    Throwable[] failures = new Throwable[items.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < items.size() && i < firstFailed.get(); i = next.getAndIncrement()) {
        try {
          results[i] = work.apply(items.get(i));
        } catch (Exception | Error e) {
          failures[i] = e;
          firstFailed.accumulateAndGet(i, Math::min);
        }
      }
    };
    List<Thread> started = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      Thread th = new Thread(worker, "pkgbuild-parallel-" + t);
      th.setDaemon(true);
      th.start();
      started.add(th);
    }
    worker.run();
    join(started);
    int failed = firstFailed.get();
    if (failed != Integer.MAX_VALUE) {
      throw Parallel.<E>rethrow(failures[failed]);
    }
    @SuppressWarnings("unchecked")
    List<R> out = (List<R>) Arrays.asList(results);
    return out;
  }

  private static void join(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // The failure is the work's own: an unchecked one, or the E the work declares.
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Throwable t) throws E {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw (E) t;
  }
}
