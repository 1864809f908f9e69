package dev.pkgbuild.testing;

import dev.pkgbuild.diag.Reporter;
import java.util.ArrayList;
import java.util.List;

/** A reporter that keeps what it is told, warnings prefixed with {@code warning: }. */
public final class RecordingReporter implements Reporter {
  private final List<String> lines = new ArrayList<>();

  @Override
  public void info(String message) {
    lines.add(message);
  }

  @Override
  public void warn(String message) {
    lines.add("warning: " + message);
  }

  /** What it was told, in order. */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}
