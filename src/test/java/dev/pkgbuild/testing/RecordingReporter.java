package dev.pkgbuild.testing;

import dev.pkgbuild.diag.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A reporter that keeps what it is told, for tests to look at (from any thread). The lists it
 * hands out are live (a test may clear one between two steps).
 */
public final class RecordingReporter implements Reporter {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  private final boolean details;

  public RecordingReporter() {
    this(false);
  }

  private RecordingReporter(boolean details) {
    this.details = details;
  }

  /** One that also keeps detail lines (in {@link #lines()}), as a build log does. */
  public static RecordingReporter withDetails() {
    return new RecordingReporter(true);
  }

  @Override
  public void info(String message) {
    infos.add(message);
    lines.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
    lines.add("warning: " + message);
  }

  @Override
  public void detail(String message) {
    if (details) {
      lines.add(message);
    }
  }

  /** Everything, in order; warnings prefixed with {@code warning: }. */
  public List<String> lines() {
    return lines;
  }

  /** The info lines alone. */
  public List<String> infos() {
    return infos;
  }

  /** The warnings alone, without a prefix. */
  public List<String> warnings() {
    return warnings;
  }
}
