package dev.pkgbuild.diag;

/**
 * How the core tells the user what happens. The CLI writes to stderr; tests record
 * calls. Standard output is kept for results.
 */
public interface Reporter {
  /** Progress: a phase or step starts or ends. */
  void info(String message);

  /** Something the user should look at, the work goes on. */
  void warn(String message);

  /** Detail shown only when asked for (--verbose). */
  default void detail(String message) {}

  /** A reporter that drops everything. */
  static Reporter silent() {
    return new Reporter() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}
    };
  }
}
