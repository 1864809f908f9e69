package dev.pkgbuild.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArgumentsTest {
  @Test
  void subcommandNames_matchEachCommandsOwnName() throws Exception {
    for (var e : RootCommand.SUBCOMMANDS.entrySet()) {
      Class<?> sub = e.getValue();
      String own = Declared.class.isAssignableFrom(sub)
          ? ((Declared) sub.getDeclaredConstructor().newInstance()).spec().name()
          : sub.getAnnotation(picocli.CommandLine.Command.class).name();
      assertEquals(e.getKey(), own, sub.getName());
    }
    assertEquals(java.util.List.copyOf(RootCommand.subcommandNames()),
        java.util.List.copyOf(CommandTree.commandLine().getSubcommands().keySet()));
  }

  @Test
  void declaredCommands_areBuiltWithoutReadingAnyAnnotation() {
    // picocli reads annotations through reflection: the build and index paths must never need them
    for (Class<?> c : java.util.List.of(RootCommand.class, BuildCommand.class, PlanCommand.class,
        BuildOptions.class, TreeOptions.class, IndexCommand.class)) {
      assertEquals(0, c.getDeclaredAnnotations().length, c.getName());
      for (var f : c.getDeclaredFields()) {
        assertEquals(0, f.getDeclaredAnnotations().length, f.toString());
      }
    }
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
