package dev.pkgbuild.cli;

import dev.pkgbuild.builder.BuildRequest;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild test RECIPE...}: runs recipes' test: blocks against the packages in the repository. */
final class TestCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "test",
        "Run recipes' test: blocks against their packages already in the repository, each in a fresh root.",
        "The package under test is installed at the recipe's version from the repository (--out-dir); other "
            + "packages come from the recipe's repositories and -r.");
    Flags.paths(spec, "RECIPE", "Recipe files.");
    BuildOptions.declare(spec);
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    BuildOptions options = new BuildOptions(spec);
    for (Path recipe : Flags.paths(spec)) {
      BuildRequest req = options.request(recipe, null, false, false);
      List<String> passed = options.builder().test(req);
      if (passed.isEmpty()) {
        options.reporter().info(recipe + ": no tests ran");
      }
      passed.forEach(options.out()::println);
    }
    options.out().flush();
    return ExitStatus.OK.code();
  }
}
