package dev.pkgbuild.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the recipes that need building in dependency order, up to {@code jobs} at once.
 * A failure stops only its dependents unless {@code failFast}; everything else goes on.
 */
public final class Scheduler {
  /** Builds one recipe; returns normally on success. */
  @FunctionalInterface
  public interface Task {
    void build(String id) throws Exception;
  }

  /** Hears about starts and ends, e.g. for a status line. */
  public interface Listener {
    void started(String id);

    void finished(String id, Outcome outcome, Exception failure);
  }

  private final RecipeGraph graph;
  private final int jobs;
  private final boolean failFast;

  public Scheduler(RecipeGraph graph, int jobs, boolean failFast) {
    this.graph = graph;
    this.jobs = Math.max(1, jobs);
    this.failFast = failFast;
  }

  /** Runs {@code task} for each id in {@code toBuild}; the others count as present. */
  public Map<String, Outcome> run(Set<String> toBuild, Task task, Listener listener)
      throws InterruptedException {
    Map<String, Outcome> result = new TreeMap<>();
    Map<String, Integer> waitingOn = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (String id : graph.nodes().keySet()) {
      if (!toBuild.contains(id)) {
        result.put(id, Outcome.PRESENT);
        continue;
      }
      int n = 0;
      for (Edge e : graph.edgesFrom(id)) {
        if (toBuild.contains(e.to())) {
          n++;
          dependents.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(id);
        }
      }
      waitingOn.put(id, n);
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "pkgbuild-build");
      t.setDaemon(true);
      return t;
    });
    try {
      new Run(task, listener, result, waitingOn, dependents, pool).loop();
    } finally {
      pool.shutdownNow();
    }
    return result;
  }

  private final class Run {
    final Task task;
    final Listener listener;
    final Map<String, Outcome> result;
    final Map<String, Integer> waitingOn;
    final Map<String, List<String>> dependents;
    final ExecutorCompletionService<String> done;
    final Map<Future<String>, String> running = new HashMap<>();
    final Set<String> queued = new HashSet<>();
    boolean stopping;

    Run(Task task, Listener listener, Map<String, Outcome> result, Map<String, Integer> waitingOn,
        Map<String, List<String>> dependents, ExecutorService pool) {
      this.task = task;
      this.listener = listener;
      this.result = result;
      this.waitingOn = waitingOn;
      this.dependents = dependents;
      this.done = new ExecutorCompletionService<>(pool);
    }

    void loop() throws InterruptedException {
      startReady();
      while (!running.isEmpty()) {
        Future<String> f = done.take();
        String id = running.remove(f);
        try {
          f.get();
          finish(id, Outcome.BUILT, null);
        } catch (ExecutionException e) {
          Exception cause = e.getCause() instanceof Exception ex ? ex : e;
          finish(id, Outcome.FAILED, cause);
          stopping |= failFast;
          skipDependents(id);
        }
        startReady();
      }
      for (String id : waitingOn.keySet()) {
        result.putIfAbsent(id, Outcome.CANCELLED);
      }
    }

    void startReady() {
      if (stopping) {
        return;
      }
      // Sorted start order keeps logs and tests predictable.
      for (String id : new java.util.TreeSet<>(waitingOn.keySet())) {
        if (running.size() >= jobs) {
          return;
        }
        if (waitingOn.get(id) == 0 && !result.containsKey(id) && queued.add(id)) {
          listener.started(id);
          running.put(done.submit(() -> {
            task.build(id);
            return id;
          }), id);
        }
      }
    }

    void finish(String id, Outcome outcome, Exception failure) {
      result.put(id, outcome);
      listener.finished(id, outcome, failure);
      if (outcome == Outcome.BUILT) {
        for (String d : dependents.getOrDefault(id, List.of())) {
          waitingOn.merge(d, -1, Integer::sum);
        }
      }
    }

    void skipDependents(String id) {
      for (String d : dependents.getOrDefault(id, List.of())) {
        if (!result.containsKey(d)) {
          finish(d, Outcome.SKIPPED, null);
          skipDependents(d);
        }
      }
    }
  }
}
