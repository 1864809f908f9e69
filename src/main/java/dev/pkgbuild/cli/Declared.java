package dev.pkgbuild.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A command declared in code (see {@link Flags}) rather than by annotations. */
interface Declared {
  /** A fresh command model whose user object runs the command. */
  CommandSpec spec();
}
