package dev.pkgbuild.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  static final Scheduler.Listener QUIET = new Scheduler.Listener() {
    @Override
    public void started(String id) {}

    @Override
    public void finished(String id, Outcome outcome, Exception failure) {}
  };

  RecipeGraph chainAndLoose() throws Exception {
    return RecipeGraph.of(List.of(
        RecipeGraphTest.node("base", Set.of(), Set.of()),
        RecipeGraphTest.node("mid", Set.of(), Set.of(), "base"),
        RecipeGraphTest.node("top", Set.of(), Set.of(), "mid"),
        RecipeGraphTest.node("loose", Set.of(), Set.of())));
  }

  @Test
  void run_failure_skipsOnlyDependents() throws Exception {
    Map<String, Outcome> out = new Scheduler(chainAndLoose(), 2, false).run(
        Set.of("base", "mid", "top", "loose"),
        id -> {
          if (id.equals("base")) {
            throw new IllegalStateException("boom");
          }
        },
        QUIET);
    assertEquals(Map.of("base", Outcome.FAILED, "mid", Outcome.SKIPPED, "top", Outcome.SKIPPED,
        "loose", Outcome.BUILT), out);
  }

  @Test
  void run_notInBuildSet_countsAsPresent() throws Exception {
    Map<String, Outcome> out = new Scheduler(chainAndLoose(), 1, false).run(Set.of("top"), id -> {}, QUIET);
    assertEquals(Outcome.PRESENT, out.get("base"));
    assertEquals(Outcome.BUILT, out.get("top"));
  }

  @Test
  void run_twoJobs_runsIndependentRecipesAtTheSameTime() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    Map<String, Boolean> overlapped = new ConcurrentHashMap<>();
    new Scheduler(chainAndLoose(), 2, false).run(Set.of("base", "loose"), id -> {
      both.countDown();
      overlapped.put(id, both.await(5, TimeUnit.SECONDS));
    }, QUIET);
    assertEquals(Map.of("base", true, "loose", true), overlapped);
  }

  @Test
  void run_failFast_startsNothingAfterAFailure() throws Exception {
    Map<String, Outcome> out = new Scheduler(chainAndLoose(), 1, true).run(
        Set.of("base", "loose", "mid"), id -> {
          throw new IllegalStateException("boom");
        }, QUIET);
    assertEquals(Outcome.FAILED, out.get("base"));
    assertTrue(out.get("loose") == Outcome.CANCELLED, out.toString());
  }
}
