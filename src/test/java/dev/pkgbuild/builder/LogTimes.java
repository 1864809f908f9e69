package dev.pkgbuild.builder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads when a build log started and ended. */
final class LogTimes {
  private LogTimes() {}

  private static final Pattern LINE = Pattern.compile("^\\[\\s*(\\d+)\\.(\\d{3})s\\] (.*)$");

  static Instant[] span(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    Matcher first = LINE.matcher(lines.get(0));
    if (!first.matches() || !first.group(3).startsWith("log started at ")) {
      throw new AssertionError("no start line in " + log);
    }
    Instant start = Instant.parse(first.group(3).substring("log started at ".length()));
    Matcher last = LINE.matcher(lines.get(lines.size() - 1));
    if (!last.matches()) {
      throw new AssertionError("no timed last line in " + log);
    }
    Duration d = Duration.ofSeconds(Long.parseLong(last.group(1))).plusMillis(Long.parseLong(last.group(2)));
    return new Instant[] {start, start.plus(d)};
  }
}
