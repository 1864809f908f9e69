package dev.pkgbuild.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed build's /etc folder is swept by the next one; a running build's is left alone. */
class GeneratedEtcTest {
  @TempDir Path tmp;

  /** A folder as {@code owner}'s pkgbuild would have left it. */
  private Path leftBy(ProcessStart owner) throws Exception {
    return GeneratedEtc.create(tmp, Optional.of(owner));
  }

  private static ProcessStart startOf(Process p) {
    long pid = p.pid();
    return new ProcessStart(pid, ProcessStart.startTicks(readStat(pid)));
  }

  private static String readStat(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/stat"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void create_folderOfAKilledOwner_isRemovedByTheNextRun() throws Exception {
    Process killed = new ProcessBuilder("sleep", "60").start();
    Path left = leftBy(startOf(killed));
    killed.destroyForcibly();
    assertTrue(killed.waitFor(10, TimeUnit.SECONDS));

    Path next = GeneratedEtc.create(tmp, ProcessStart.current());
    assertFalse(Files.exists(left), "the dead owner's folder is gone");
    assertEquals(List.of("group", "hosts", "passwd"), listing(next));
  }

  @Test
  void current_isThisProcessAndNotGone() {
    ProcessStart me = ProcessStart.current().orElseThrow();
    assertEquals(ProcessHandle.current().pid(), me.pid());
    assertFalse(me.gone());
  }

  @Test
  void create_folderOfAPidNowReusedByAnotherProcess_isRemoved() throws Exception {
    ProcessStart me = ProcessStart.current().orElseThrow();
    Path left = leftBy(new ProcessStart(me.pid(), me.startTicks() - 1));
    GeneratedEtc.create(tmp, Optional.of(me));
    assertFalse(Files.exists(left), "same pid, other start time: another process");
  }

  @Test
  void create_folderOfALiveOwner_isKept() throws Exception {
    Process live = new ProcessBuilder("sleep", "60").start();
    try {
      Path kept = leftBy(startOf(live));
      GeneratedEtc.create(tmp, ProcessStart.current());
      assertEquals(List.of("group", "hosts", "passwd"), listing(kept));
    } finally {
      live.destroyForcibly();
    }
  }

  @Test
  void create_linkOrForeignContentUnderTheDeadOwnersName_isNeverFollowedOrEmptied() throws Exception {
    Process killed = new ProcessBuilder("true").start();
    ProcessStart dead = startOfBeforeExit(killed);
    Path target = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(target.resolve("passwd"), "keep me");
    Files.createSymbolicLink(tmp.resolve(GeneratedEtc.PREFIX + dead.pid() + "-" + dead.startTicks() + "-1"), target);
    Path stuffed = leftBy(dead);
    Files.writeString(stuffed.resolve("notes"), "not ours");

    GeneratedEtc.create(tmp, ProcessStart.current());
    assertEquals("keep me", Files.readString(target.resolve("passwd")));
    assertEquals(List.of("notes"), listing(stuffed), "only the files it writes are removed");
  }

  /** A start that is surely over by the time it is used: the process is reaped first. */
  private static ProcessStart startOfBeforeExit(Process p) throws Exception {
    p.waitFor();
    return new ProcessStart(p.pid(), 1);
  }

  private static List<String> listing(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
