package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.graph.RecipeFiles;
import dev.pkgbuild.io.SideBySide;
import dev.pkgbuild.pipeline.Finding;
import dev.pkgbuild.pipeline.Linter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild lint}: prints recipe problems; exits non-zero when any is an error. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Check recipes for problems: missing checksums, licenses, bad versions, unused vars.")
final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RECIPE", arity = "1..*", description = "Recipe files or folders of them.")
  List<Path> recipes;

  @Option(names = "--pipeline-dir", description = "Directory of extra pipelines, searched before the built-ins (repeatable).")
  List<Path> pipelineDirs = new ArrayList<>();

  @Override
  public Integer call() throws PkgbuildException {
    Linter linter = new Linter(pipelineDirs);
    PrintWriter out = spec.commandLine().getOut();
    boolean errors = false;
    List<Path> files = RecipeFiles.expand(recipes, new ConsoleReporter(spec.commandLine().getErr(), true));
    for (List<Finding> findings : SideBySide.map(files, linter::lint)) {
      for (Finding f : findings) {
        out.println(f);
        errors |= f.error();
      }
    }
    out.flush();
    return errors ? ExitStatus.BAD_INPUT.code() : ExitStatus.OK.code();
  }
}
