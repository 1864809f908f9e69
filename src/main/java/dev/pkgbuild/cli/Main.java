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
    // No option takes a java.sql or java.time type; registering picocli's converters for
    // them loads java.sql, whose DriverManager scans the whole jar for JDBC drivers.
    System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
    CommandLine cl = new CommandLine(new RootCommand());
    cl.setExecutionExceptionHandler(new OneLineErrorHandler());
    cl.setExitCodeExceptionMapper(OneLineErrorHandler::exitCode);
    cl.setParameterExceptionHandler(OneLineErrorHandler::usageError);
    return cl;
  }
}
