package dev.pkgbuild.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code pkgbuild} command; a bare recipe path means {@code build}. */
final class RootCommand implements Runnable, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "pkgbuild", "Builds melange-format recipes into a signed APK repository.");
    spec.addOption(OptionSpec.builder("--debug").type(boolean.class).arity("0").scopeType(ScopeType.INHERIT)
        .description("Show stack traces on errors.").build());
    return spec;
  }

  /**
   * The subcommands by name, in the order help lists them; {@link CommandTree} adds them. The names
   * repeat each command's own (a test holds them equal): reading the annotations of every
   * command class costs about 50 ms at start-up.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = orderedMap(
      "help", CommandLine.HelpCommand.class,
      "build", BuildCommand.class,
      "plan", PlanCommand.class,
      "resolve", ResolveCommand.class,
      "install", InstallCommand.class,
      "lock", LockCommand.class,
      "test", TestCommand.class,
      "image", ImageCommand.class,
      "keygen", KeygenCommand.class,
      "render", RenderCommand.class,
      "lint", LintCommand.class,
      "index", IndexCommand.class,
      "sign-index", SignIndexCommand.class,
      "verify", VerifyCommand.class,
      "info", InfoCommand.class,
      "sbom", SbomCommand.class,
      "withdraw", WithdrawCommand.class,
      "prune", PruneCommand.class,
      "publish", PublishCommand.class,
      "serve", ServeCommand.class,
      "repo-info", RepoInfoCommand.class);

  private static Map<String, Class<?>> orderedMap(Object... pairs) {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Class<?>) pairs[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Set<String> subcommandNames() {
    return SUBCOMMANDS.keySet();
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
