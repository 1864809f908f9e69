package dev.pkgbuild.cli;

import dev.pkgbuild.builder.BuildRequest;
import dev.pkgbuild.builder.BuildRoots;
import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.LockFile;
import dev.pkgbuild.env.Locks;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild lock RECIPE.yaml}: pins the build environment in RECIPE.lock.json, apko's lock format. */
final class LockCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "lock",
        "Resolve a recipe's build environment and pin it in RECIPE.lock.json (apko's lock format).",
        "Builds of a recipe with a lock beside it install exactly the locked packages.");
    Flags.paths(spec, "RECIPE", "Recipe files.");
    BuildOptions.declare(spec);
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    BuildOptions options = new BuildOptions(spec);
    List<Path> recipes = Flags.paths(spec);
    options.refuseInputs("a lock, which pins the recipe as written");
    for (Path recipe : recipes) {
      BuildRequest req = options.request(recipe, null, false, false);
      Environments envs = BuildRoots.environments(req, options.reporter());
      ResolvedEnvironment env = envs.resolve(BuildRoots.forRecipe(req));
      if (!env.request().hasRepositories()) {
        throw PkgbuildException.badInput(recipe + ": no repositories in the recipe or on the command line: "
            + "nothing to lock");
      }
      Path out = LockFile.beside(recipe);
      try {
        LockFile lock = Locks.of(recipe.toString(), Files.readAllBytes(recipe), env, envs.fetch(env));
        AtomicFiles.write(out, lock.toJson().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw PkgbuildException.failed("cannot write " + out + ": " + e.getMessage());
      }
      options.out().println(out + ": " + env.resolution().packages().size() + " packages");
    }
    options.out().flush();
    return ExitStatus.OK.code();
  }
}
