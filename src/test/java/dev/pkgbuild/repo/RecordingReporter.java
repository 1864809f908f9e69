package dev.pkgbuild.repo;

import dev.pkgbuild.diag.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A reporter that keeps what it is told, for tests to look at (from any thread). */
final class RecordingReporter implements Reporter {
  final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }
}
