package dev.pkgbuild.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way pkgbuild runs work side by side: {@link #start} one task on its own thread,
 * {@link #each} item of a list on all cores, or every item {@link #inOrder} on one thread ahead
 * of a consumer. A task's own exception reaches whoever waits for
 * it unchanged, typed as the task declared it; results keep the order of the input.
 */
public final class SideBySide {
  /**
   * A thread per task, not the common pool: on two cores the pool has one worker and
   * {@code CompletableFuture} starts a thread per task anyway; this makes that explicit.
   */
  private static final Executor OWN_THREAD = r -> {
    Thread t = new Thread(r, "pkgbuild-side");
    t.setDaemon(true);
    t.start();
  };

  private SideBySide() {}

  /** Work that returns a value or throws {@code E}. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /** Work on one item of a list. */
  @FunctionalInterface
  public interface Each<A, T, E extends Exception> {
    T apply(A item) throws E;
  }

  /** Started work; {@link #join} waits for it. */
  public static final class Pending<T, E extends Exception> {
    private final CompletableFuture<T> future;

    private Pending(CompletableFuture<T> future) {
      this.future = future;
    }

    /** The result, or the task's own exception rethrown. @throws E what the task threw */
    public T join() throws E {
      try {
        return future.join();
      } catch (CompletionException e) {
        throw SideBySide.<E>rethrown(e.getCause());
      }
    }
  }

  /** What one item gave: a value, or what its work threw. */
  public static final class Outcome<T, E extends Exception> {
    private final T value;
    private final Throwable failure;

    private Outcome(T value, Throwable failure) {
      this.value = value;
      this.failure = failure;
    }

    /** The value, or the item's own exception rethrown. @throws E what the work threw */
    public T get() throws E {
      if (failure != null) {
        throw SideBySide.<E>rethrown(failure);
      }
      return value;
    }
  }

  /** Starts {@code work} on a thread of its own. */
  public static <T, E extends Exception> Pending<T, E> start(Work<T, E> work) {
    return new Pending<>(CompletableFuture.supplyAsync(() -> {
      try {
        return work.run();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, OWN_THREAD));
  }

  /**
   * Starts {@code work} on every item, one after another in list order on one thread of its
   * own, and hands back one pending result per item: whoever walks the list in the same order
   * waits only for items that thread has not reached yet. Each item is worked on, whatever
   * the earlier ones did.
   */
  public static <A, T, E extends Exception> List<Pending<T, E>> inOrder(List<A> items, Each<A, T, E> work) {
    List<CompletableFuture<T>> futures = new ArrayList<>(items.size());
    List<Pending<T, E>> pending = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      CompletableFuture<T> f = new CompletableFuture<>();
      futures.add(f);
      pending.add(new Pending<>(f));
    }
    if (!items.isEmpty()) {
      OWN_THREAD.execute(() -> {
        for (int i = 0; i < items.size(); i++) {
          try {
            futures.get(i).complete(work.apply(items.get(i)));
          } catch (Exception | Error e) {
            futures.get(i).completeExceptionally(e);
          }
        }
      });
    }
    return pending;
  }

  /**
   * Applies {@code work} to every item, on as many threads as there are cores (the caller's
   * thread is one of them), each taking the next unclaimed item. Every item is worked on,
   * whatever the others do; the outcomes are in list order.
   */
  public static <A, T, E extends Exception> List<Outcome<T, E>> each(List<A> items, Each<A, T, E> work) {
    @SuppressWarnings("unchecked")
    Outcome<T, E>[] out = new Outcome[items.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i; (i = next.getAndIncrement()) < items.size(); ) {
        out[i] = outcome(work, items.get(i));
      }
    };
    int helpers = Math.min(items.size(), Runtime.getRuntime().availableProcessors()) - 1;
    List<Thread> threads = new ArrayList<>();
    for (int h = 0; h < helpers; h++) {
      Thread t = new Thread(worker, "pkgbuild-each");
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    worker.run();
    for (Thread t : threads) {
      joinUninterruptibly(t);
    }
    return Arrays.asList(out);
  }

  /**
   * {@link #each}, then the values in list order. @throws E the first failing item's own
   * exception, in list order
   */
  public static <A, T, E extends Exception> List<T> map(List<A> items, Each<A, T, E> work) throws E {
    List<T> values = new ArrayList<>(items.size());
    for (Outcome<T, E> o : each(items, work)) {
      values.add(o.get());
    }
    return values;
  }

  private static <A, T, E extends Exception> Outcome<T, E> outcome(Each<A, T, E> work, A item) {
    try {
      return new Outcome<>(work.apply(item), null);
    } catch (Exception | Error e) {
      return new Outcome<>(null, e);
    }
  }

  /** The worker threads only run pkgbuild's own work, which ends; waiting out an interrupt keeps results whole. */
  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A task's failure as its caller expects it: runtime exceptions and errors as they are, any
   * other exception as the {@code E} the task declared (the only checked kind it can throw).
   */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrown(Throwable t) throws E {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return (E) t;
  }
}
