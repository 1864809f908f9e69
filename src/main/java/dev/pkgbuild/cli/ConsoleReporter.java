package dev.pkgbuild.cli;

import dev.pkgbuild.diag.Reporter;
import java.io.PrintWriter;

/** Writes progress to stderr; stdout is kept for results. */
final class ConsoleReporter implements Reporter {
  private final PrintWriter err;
  private final boolean showDetail;

  ConsoleReporter(PrintWriter err, boolean showDetail) {
    this.err = err;
    this.showDetail = showDetail;
  }

  @Override
  public synchronized void info(String message) {
    err.println(message);
    err.flush();
  }

  @Override
  public synchronized void warn(String message) {
    err.println("warning: " + message);
    err.flush();
  }

  @Override
  public synchronized void detail(String message) {
    if (showDetail) {
      err.println(message);
      err.flush();
    }
  }
}
