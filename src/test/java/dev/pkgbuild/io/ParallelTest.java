package dev.pkgbuild.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void map_manyItems_keepsListOrderAndUsesMoreThanOneThreadWhenThereAreCores() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> in = IntStream.range(0, 100).boxed().toList();
    List<Integer> out = Parallel.map(in, i -> {
      threads.add(Thread.currentThread().getName());
      Thread.sleep(2); // long enough that a second thread takes items before the first is done
      return i * 2;
    });
    assertEquals(in.stream().map(i -> i * 2).toList(), out);
    assertEquals(Runtime.getRuntime().availableProcessors() > 1, threads.size() > 1, threads.toString());
  }

  @Test
  void map_severalFailures_throwsTheFirstInListOrderEveryTime() {
    List<Integer> in = IntStream.range(0, 500).boxed().toList();
    for (int run = 0; run < 20; run++) {
      IOException e = assertThrows(IOException.class, () -> Parallel.map(in, i -> {
        if (i % 97 == 41) {
          throw new IOException("item " + i);
        }
        return i;
      }));
      assertEquals("item 41", e.getMessage());
    }
  }

  @Test
  void map_emptyList_isEmpty() {
    assertEquals(List.of(), Parallel.map(List.<String>of(), String::length));
  }
}
