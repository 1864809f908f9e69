package dev.pkgbuild.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The {@code pkgbuild} command; a bare recipe path means {@code build}. */
@Command(
    name = "pkgbuild",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Builds melange-format recipes into a signed APK repository.")
final class RootCommand implements Runnable {
  /** The subcommands, in the order help lists them; {@link Main} adds them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      CommandLine.HelpCommand.class,
      BuildCommand.class,
      PlanCommand.class,
      KeygenCommand.class,
      RenderCommand.class,
      LintCommand.class,
      IndexCommand.class,
      SignIndexCommand.class,
      VerifyCommand.class,
      InfoCommand.class,
      SbomCommand.class,
      WithdrawCommand.class,
      PruneCommand.class,
      ServeCommand.class,
      RepoInfoCommand.class);

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces on errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Read from the annotations: building the whole command model just for this costs 30 ms. */
  static Set<String> subcommandNames() {
    Set<String> names = new HashSet<>();
    for (Class<?> sub : SUBCOMMANDS) {
      Command c = sub.getAnnotation(Command.class);
      names.add(c.name());
      names.addAll(List.of(c.aliases()));
    }
    return names;
  }

  static boolean debugRequested(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
