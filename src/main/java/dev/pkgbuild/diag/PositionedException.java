package dev.pkgbuild.diag;

/** A bad-input error at a known place in a file: {@code file:line:col: message}. */
public class PositionedException extends PkgbuildException {
  private static final long serialVersionUID = 1L;
  private final transient SourcePos pos;
  private final String bare;

  public PositionedException(SourcePos pos, String message) {
    super(ExitStatus.BAD_INPUT, pos + ": " + message);
    this.pos = pos;
    this.bare = message;
  }

  public SourcePos pos() {
    return pos;
  }

  /** The message without its position. */
  public String bareMessage() {
    return bare;
  }
}
