package dev.pkgbuild.builder;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.util.List;

/** A build step that ran and failed: names the package, the step and its exit code. */
public final class StepFailure extends PkgbuildException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> tail;

  StepFailure(String message, List<String> tail) {
    super(ExitStatus.FAILED, message);
    this.tail = List.copyOf(tail);
  }

  /** The step's last output lines. */
  public List<String> tail() {
    return tail;
  }
}
