package dev.pkgbuild.cli;

import dev.pkgbuild.builder.BuildRequest;
import dev.pkgbuild.builder.BuildRoots;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.ResolvedEnvironment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild resolve NAME...|RECIPE.yaml}: the transaction apk would make, without installing. */
final class ResolveCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "resolve",
        "Print the packages an environment would install, in install order and in apk's words, without installing.",
        "With a recipe, its build environment as a build would make it (held to RECIPE.lock.json when there is one).");
    EnvironmentNames.declare(spec);
    BuildOptions.declare(spec);
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    BuildOptions options = new BuildOptions(spec);
    EnvironmentNames names = new EnvironmentNames(spec);
    ResolvedEnvironment env;
    if (names.recipe() != null) {
      BuildRequest req = options.request(names.recipe(), null, false, false);
      EnvironmentRequest request = BuildRoots.forRecipe(req);
      if (!request.hasRepositories()) {
        throw PkgbuildException.badInput(names.recipe() + ": no repositories in the recipe or on the command line "
            + "(-r): its build would use the host toolchain");
      }
      env = BuildRoots.resolve(BuildRoots.environments(req, options.reporter()), request, names.recipe(),
          options.reporter());
    } else {
      options.refuseInputs("package names");
      env = names.resolve(options).environment();
    }
    env.resolution().transactionLines().forEach(options.out()::println);
    options.out().flush();
    return ExitStatus.OK.code();
  }
}
