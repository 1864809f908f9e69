package dev.pkgbuild.cli;

/**
 * Entry point: runs the command tree and exits with its status. Nothing else lives here: the
 * JVM reflects over the main class's methods before it runs, and each signature it resolves
 * costs start-up time.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String[] full = Arguments.withDefaultCommand(args);
    System.exit(CommandTree.commandLine(Arguments.subcommand(full)).execute(full));
  }
}
