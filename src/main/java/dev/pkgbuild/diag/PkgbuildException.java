package dev.pkgbuild.diag;

/**
 * The one error family: every user-facing failure renders as one line through
 * {@link #getMessage()} and carries the exit status it should produce.
 */
public class PkgbuildException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ExitStatus status;

  public PkgbuildException(ExitStatus status, String message) {
    super(message);
    this.status = status;
  }

  public PkgbuildException(ExitStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** A malformed input file or value. */
  public static PkgbuildException badInput(String message) {
    return new PkgbuildException(ExitStatus.BAD_INPUT, message);
  }

  /** A malformed input, keeping the low-level cause for --debug. */
  public static PkgbuildException badInput(String message, Throwable cause) {
    return new PkgbuildException(ExitStatus.BAD_INPUT, message, cause);
  }

  /** Work that ran and failed. */
  public static PkgbuildException failed(String message) {
    return new PkgbuildException(ExitStatus.FAILED, message);
  }

  /** The environment cannot do what is asked. */
  public static PkgbuildException environment(String message) {
    return new PkgbuildException(ExitStatus.ENVIRONMENT, message);
  }

  public ExitStatus status() {
    return status;
  }
}
