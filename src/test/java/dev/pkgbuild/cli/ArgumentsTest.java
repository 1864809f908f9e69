package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArgumentsTest {
  @Test
  void subcommandNames_matchEachCommandsOwnAnnotation() {
    RootCommand.SUBCOMMANDS.forEach((name, sub) ->
        assertEquals(name, sub.getAnnotation(picocli.CommandLine.Command.class).name(), sub.getName()));
    assertEquals(java.util.List.copyOf(RootCommand.subcommandNames()),
        java.util.List.copyOf(CommandTree.commandLine().getSubcommands().keySet()));
  }

  @Test
  void commandLine_forOneSubcommand_buildsOnlyThatOneButHelpAndNoneBuildAll() {
    assertEquals(java.util.Set.of("build"), CommandTree.commandLine("build").getSubcommands().keySet());
    assertEquals(RootCommand.subcommandNames(), CommandTree.commandLine("help").getSubcommands().keySet());
    assertEquals("build", Arguments.subcommand(new String[] {"--debug", "build", "x.yaml"}));
    assertEquals(null, Arguments.subcommand(new String[] {"--help"}));
  }

  @Test
  void bareRecipePath_becomesBuild_butSubcommandsAndRootFlagsStay() {
    assertArrayEquals(new String[] {"--debug", "build", "r.yaml"},
        Arguments.withDefaultCommand(new String[] {"--debug", "r.yaml"}));
    assertArrayEquals(new String[] {"sign-index", "x"}, Arguments.withDefaultCommand(new String[] {"sign-index", "x"}));
    assertArrayEquals(new String[] {"--version"}, Arguments.withDefaultCommand(new String[] {"--version"}));
  }
}
