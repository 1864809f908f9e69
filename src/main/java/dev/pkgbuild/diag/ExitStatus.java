package dev.pkgbuild.diag;

/** Process exit codes, mapped in one place so every command agrees. */
public enum ExitStatus {
  OK(0),
  /** The work ran and failed: a build step, a verification, a test. */
  FAILED(1),
  /** The command line was wrong. */
  USAGE(2),
  /** A file the user gave us is malformed: recipe, key, package, index. */
  BAD_INPUT(3),
  /** The environment cannot do the job: no sandbox, locked repo, missing tool. */
  ENVIRONMENT(4),
  /** A bug in pkgbuild. */
  INTERNAL(70);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  /** The numeric process exit code. */
  public int code() {
    return code;
  }
}
