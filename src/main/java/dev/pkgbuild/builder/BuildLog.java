package dev.pkgbuild.builder;

import dev.pkgbuild.diag.Reporter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The per-build log: every line the user sees plus every line the steps print, each with
 * the time since the build started. It lives outside the workspace so a build cannot
 * rewrite it, and is copied next to the packages when the build succeeds.
 */
final class BuildLog implements Reporter, AutoCloseable {
  private final Path file;
  private final BufferedWriter out;
  private final Reporter console;
  private final Clock clock;
  private final Instant start;

  BuildLog(Path file, Reporter console, Clock clock) throws IOException {
    this.file = file;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.console = console;
    this.clock = clock;
    this.start = clock.instant();
    write("log started at " + start);
  }

  Path file() {
    return file;
  }

  /** A step's output line: to the log, and to the console with the step's prefix. */
  void stepOutput(String prefix, String line) {
    write(prefix + " " + line);
    console.detail(prefix + " " + line);
  }

  @Override
  public void info(String message) {
    write(message);
    console.info(message);
  }

  @Override
  public void warn(String message) {
    write("warning: " + message);
    console.warn(message);
  }

  @Override
  public void detail(String message) {
    write(message);
    console.detail(message);
  }

  private synchronized void write(String line) {
    try {
      out.write(stamp(Duration.between(start, clock.instant())));
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code [   1.234s] }: built by hand, a build writes hundreds of lines and String.format
   * parses its pattern every time.
   */
  static String stamp(Duration d) {
    String secs = Long.toString(d.toSeconds());
    String millis = Integer.toString(d.toMillisPart());
    return "[" + "    ".substring(Math.min(4, secs.length())) + secs + "." + "000".substring(millis.length())
        + millis + "s] ";
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
