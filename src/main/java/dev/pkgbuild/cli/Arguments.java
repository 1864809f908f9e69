package dev.pkgbuild.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Lets {@code pkgbuild recipes/foo.yaml} mean {@code pkgbuild build recipes/foo.yaml}. */
final class Arguments {
  private Arguments() {}

  private static final Set<String> ROOT_FLAGS = Set.of("-h", "--help", "-V", "--version");

  static String[] withDefaultCommand(String[] args) {
    int first = firstNonDebug(args);
    if (first >= args.length || ROOT_FLAGS.contains(args[first])) {
      return args;
    }
    if (subcommand(args) != null) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args).subList(0, first));
    out.add("build");
    out.addAll(List.of(args).subList(first, args.length));
    return out.toArray(new String[0]);
  }

  /** The subcommand {@code args} name, or null when they name none (help, a flag, nothing). */
  static String subcommand(String[] args) {
    int first = firstNonDebug(args);
    return first < args.length && RootCommand.subcommandNames().contains(args[first]) ? args[first] : null;
  }

  private static int firstNonDebug(String[] args) {
    int first = 0;
    while (first < args.length && args[first].equals("--debug")) {
      first++;
    }
    return first;
  }
}
