package dev.pkgbuild.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Declares picocli options in code and reads them back, for the commands on the build path.
 * Picocli's annotations are read by reflection, one proxy object per annotation, and on
 * JDK 17 that costs a build about 50 ms of start-up; these commands are declared without them.
 */
final class Flags {
  private Flags() {}

  /** The name, description and the standard -h/--help and -V/--version of a command. */
  static CommandSpec command(Object userObject, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
    spec.versionProvider(new VersionProvider());
    spec.usageMessage().description(description);
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
    return spec;
  }

  /** A flag without a value. */
  static void flag(CommandSpec spec, String description, String... names) {
    spec.addOption(OptionSpec.builder(names).type(boolean.class).arity("0").description(description).build());
  }

  /** An option with one value of {@code type}, shown as {@code label}. */
  static void value(CommandSpec spec, Class<?> type, String label, String defaultValue, String description,
      String... names) {
    spec.addOption(OptionSpec.builder(names).type(type).paramLabel(label).defaultValue(defaultValue)
        .description(description).build());
  }

  /** A repeatable option collecting values of {@code type}. */
  static OptionSpec.Builder repeatable(Class<?> type, String label, String description, String... names) {
    return OptionSpec.builder(names).type(List.class).auxiliaryTypes(type).paramLabel(label).description(description);
  }

  /** One or more positional paths. */
  static void paths(CommandSpec spec, String label, String description) {
    spec.addPositional(PositionalParamSpec.builder().type(List.class).auxiliaryTypes(Path.class)
        .arity("1..*").paramLabel(label).description(description).build());
  }

  /** The parsed value of option {@code name} (its default when not given). */
  @SuppressWarnings("unchecked")
  static <T> T get(CommandSpec spec, String name) {
    return (T) spec.findOption(name).getValue();
  }

  /** Whether flag {@code name} was given. */
  static boolean on(CommandSpec spec, String name) {
    Boolean b = get(spec, name);
    return b != null && b;
  }

  /** The positional paths. */
  @SuppressWarnings("unchecked")
  static List<Path> paths(CommandSpec spec) {
    return (List<Path>) spec.positionalParameters().get(0).getValue();
  }
}
