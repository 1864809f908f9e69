package dev.pkgbuild.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SideBySideTest {
  @Test
  void start_taskThrowsCheckedException_joinRethrowsTheSameObject() {
    IOException thrown = new IOException("disk full");
    SideBySide.Pending<String, IOException> p = SideBySide.start(() -> {
      throw thrown;
    });
    assertSame(thrown, assertThrows(IOException.class, p::join));
  }

  @Test
  void start_runsOnAnotherThread_whileTheCallerWaitsForIt() throws Exception {
    CountDownLatch callerReached = new CountDownLatch(1);
    SideBySide.Pending<String, InterruptedException> p = SideBySide.start(() -> {
      // Finishes only once the caller has gone on past start(): the task cannot be running inline.
      return callerReached.await(10, TimeUnit.SECONDS) ? Thread.currentThread().getName() : "inline";
    });
    callerReached.countDown();
    assertEquals("pkgbuild-side", p.join());
  }

  @Test
  void inOrder_firstResultArrives_whileLaterItemsAreStillWaitingToBeWorkedOn() throws Exception {
    CountDownLatch firstTaken = new CountDownLatch(1);
    List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<SideBySide.Pending<Integer, InterruptedException>> results = SideBySide.inOrder(List.of(1, 2, 3), i -> {
      threads.add(Thread.currentThread().getName());
      if (i > 1 && !firstTaken.await(10, TimeUnit.SECONDS)) {
        return -1; // item 2 finishes only once the caller has item 1: no waiting for the whole list
      }
      return i * 10;
    });
    assertEquals(10, results.get(0).join());
    firstTaken.countDown();
    assertEquals(20, results.get(1).join());
    assertEquals(30, results.get(2).join());
    assertEquals(List.of("pkgbuild-side", "pkgbuild-side", "pkgbuild-side"), threads);
  }

  @Test
  void inOrder_failingItem_keepsItsOwnExceptionAndLaterItemsAreStillWorkedOn() throws Exception {
    IOException thrown = new IOException("gone");
    List<SideBySide.Pending<String, IOException>> results = SideBySide.inOrder(List.of("a", "b", "c"), s -> {
      if (s.equals("b")) {
        throw thrown;
      }
      return s.toUpperCase();
    });
    assertEquals("A", results.get(0).join());
    assertSame(thrown, assertThrows(IOException.class, results.get(1)::join));
    assertEquals("C", results.get(2).join());
    assertEquals(List.of(), SideBySide.inOrder(List.<String>of(), s -> s));
  }

  @Test
  void map_manyItems_keepsListOrder() throws Exception {
    List<Integer> items = IntStream.range(0, 2_000).boxed().toList();
    assertEquals(items.stream().map(i -> i * i).toList(), SideBySide.map(items, i -> i * i));
  }

  @Test
  void map_onSeveralCores_worksOnTwoItemsAtOnce() throws Exception {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "needs two cores");
    // Each item waits for another to arrive: this completes only if two run at the same time.
    CyclicBarrier both = new CyclicBarrier(2);
    List<Integer> out = SideBySide.map(List.of(1, 2), i -> {
      both.await(10, TimeUnit.SECONDS);
      return i;
    });
    assertEquals(List.of(1, 2), out);
  }

  @Test
  void map_twoItemsFail_throwsTheFirstInListOrderAfterAllWereWorkedOn() {
    Set<Integer> done = ConcurrentHashMap.newKeySet();
    IOException e = assertThrows(IOException.class, () -> SideBySide.map(List.of(1, 2, 3, 4, 5), i -> {
      done.add(i);
      if (i == 2 || i == 4) {
        throw new IOException("item " + i);
      }
      return i;
    }));
    assertEquals("item 2", e.getMessage());
    assertEquals(Set.of(1, 2, 3, 4, 5), done);
  }

  @Test
  void each_failuresStayWithTheirItems() {
    List<SideBySide.Outcome<Integer, IOException>> out = SideBySide.each(List.of(1, 2, 3), i -> {
      if (i == 2) {
        throw new IOException("bad " + i);
      }
      return i * 10;
    });
    List<String> seen = new ArrayList<>();
    for (SideBySide.Outcome<Integer, IOException> o : out) {
      try {
        seen.add(String.valueOf(o.get()));
      } catch (IOException e) {
        seen.add(e.getMessage());
      }
    }
    assertEquals(List.of("10", "bad 2", "30"), seen);
  }

  @Test
  void map_runtimeExceptionInWork_reachesTheCallerUnwrapped() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SideBySide.<Integer, Integer, IOException>map(List.of(1), i -> {
          throw new IllegalStateException("bug");
        }));
    assertEquals("bug", e.getMessage());
  }
}
