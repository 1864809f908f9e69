package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Prints failures as one line; the stack trace only with --debug. */
final class OneLineErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean debug = RootCommand.debugRequested(parsed);
    if (ex instanceof PkgbuildException pe) {
      err.println("pkgbuild: " + pe.getMessage());
    } else {
      err.println("pkgbuild: internal error: " + ex + (debug ? "" : " (rerun with --debug for details)"));
    }
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return exitCode(ex);
  }

  static int exitCode(Throwable t) {
    return t instanceof PkgbuildException pe ? pe.status().code() : ExitStatus.INTERNAL.code();
  }

  static int usageError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    cl.getErr().println("pkgbuild: " + ex.getMessage());
    cl.getErr().println("try '" + cl.getCommandSpec().qualifiedName() + " --help'");
    cl.getErr().flush();
    return ExitStatus.USAGE.code();
  }
}
