package dev.pkgbuild.cli;

import java.util.Map;
import picocli.CommandLine;

/** The configured picocli command line: root command, subcommands, one-line error handling. */
public final class CommandTree {
  private CommandTree() {}

  /** The command line with every subcommand, also used in-process by tests. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with only subcommand {@code only} (all of them when null or "help"):
   * picocli reads each subcommand's options by reflection, 3 to 5 ms apiece at start-up.
   */
  static CommandLine commandLine(String only) {
    // No option takes a java.sql or java.time type; registering picocli's converters for
    // them loads java.sql, whose DriverManager scans the whole jar for JDBC drivers.
    System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
    CommandLine cl = new CommandLine(new RootCommand().spec());
    for (Map.Entry<String, Class<?>> sub : RootCommand.SUBCOMMANDS.entrySet()) {
      if (only == null || only.equals("help") || only.equals(sub.getKey())) {
        cl.addSubcommand(sub.getKey(), command(sub.getValue()));
      }
    }
    cl.setExecutionExceptionHandler(new OneLineErrorHandler());
    cl.setExitCodeExceptionMapper(OneLineErrorHandler::exitCode);
    cl.setParameterExceptionHandler(OneLineErrorHandler::usageError);
    return cl;
  }

  /** A declared command's model, or an annotated command's class for picocli to read. */
  private static Object command(Class<?> type) {
    if (!Declared.class.isAssignableFrom(type)) {
      return type;
    }
    try {
      return new CommandLine(((Declared) type.getDeclaredConstructor().newInstance()).spec());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make command " + type.getName(), e);
    }
  }
}
