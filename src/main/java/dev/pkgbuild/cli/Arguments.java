package dev.pkgbuild.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Lets {@code pkgbuild recipes/foo.yaml} mean {@code pkgbuild build recipes/foo.yaml}. */
final class Arguments {
  private Arguments() {}

  private static final Set<String> ROOT_FLAGS = Set.of("-h", "--help", "-V", "--version");

  static String[] withDefaultCommand(String[] args) {
    int first = 0;
    while (first < args.length && args[first].equals("--debug")) {
      first++;
    }
    if (first >= args.length || ROOT_FLAGS.contains(args[first])) {
      return args;
    }
    if (RootCommand.subcommandNames().contains(args[first])) {
      return args;
    }
    List<String> out = new ArrayList<>(List.of(args).subList(0, first));
    out.add("build");
    out.addAll(List.of(args).subList(first, args.length));
    return out.toArray(String[]::new);
  }
}
