package dev.pkgbuild.cli;

import picocli.CommandLine;

/** Entry point: builds the command tree, maps errors to one line and an exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(Arguments.withDefaultCommand(args)));
  }

  /** The configured command line, also used in-process by tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RootCommand());
    cl.setExecutionExceptionHandler(new OneLineErrorHandler());
    cl.setExitCodeExceptionMapper(OneLineErrorHandler::exitCode);
    cl.setParameterExceptionHandler(OneLineErrorHandler::usageError);
    return cl;
  }
}
