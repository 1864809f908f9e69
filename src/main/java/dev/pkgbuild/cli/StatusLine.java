package dev.pkgbuild.cli;

import dev.pkgbuild.graph.Outcome;
import dev.pkgbuild.graph.Scheduler;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress of a tree build: on a terminal one live line (done/total, what runs, elapsed);
 * otherwise plain timestamped lines, as CI logs want.
 */
final class StatusLine implements Scheduler.Listener {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private final PrintWriter err;
  private final boolean live;
  private final Instant start = Instant.now();
  private final Set<String> running = new TreeSet<>();
  private int done;

  StatusLine(CommandSpec spec, int jobs) {
    this.err = spec.commandLine().getErr();
    this.live = System.console() != null && jobs > 0;
  }

  @Override
  public synchronized void started(String id) {
    running.add(id);
    emit("started " + id);
  }

  @Override
  public synchronized void finished(String id, Outcome outcome, Exception failure) {
    running.remove(id);
    done++;
    String why = failure == null ? "" : ": " + failure.getMessage();
    emit(id + " " + outcome.label() + why);
  }

  private void emit(String event) {
    long s = Duration.between(start, Instant.now()).toSeconds();
    if (live) {
      err.print("\r\033[K");
      err.println(event);
      err.print(String.format("[%d done, %ds] running: %s", done, s, String.join(" ", running)));
    } else {
      err.println(TIME.format(Instant.now()) + " " + event);
    }
    err.flush();
  }
}
