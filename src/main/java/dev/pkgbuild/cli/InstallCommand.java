package dev.pkgbuild.cli;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.InstallResult;
import dev.pkgbuild.env.Installer;
import dev.pkgbuild.env.ResolvedEnvironment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkgbuild install --root DIR NAME...}: a root as {@code apk add --root DIR --initdb} makes it. */
final class InstallCommand implements Callable<Integer>, Declared {
  private CommandSpec spec;

  @Override
  public CommandSpec spec() {
    spec = Flags.command(this, "install",
        "Install packages and their dependencies into a new root, with apk's database, as apk add --initdb does.",
        "No install scripts run; busybox's applet links are made as apko makes them.");
    spec.addOption(picocli.CommandLine.Model.OptionSpec.builder("--root").type(Path.class).paramLabel("DIR")
        .required(true).description("The root to make: a new or empty folder.").build());
    EnvironmentNames.declare(spec);
    BuildOptions.declare(spec);
    return spec;
  }

  @Override
  public Integer call() throws PkgbuildException {
    BuildOptions options = new BuildOptions(spec);
    EnvironmentNames names = new EnvironmentNames(spec);
    Path root = Flags.get(spec, "--root");
    options.refuseInputs("an install");
    EnvironmentNames.Resolved resolved = names.resolve(options);
    Environments envs = resolved.environments();
    ResolvedEnvironment env = resolved.environment();
    long epoch = HostDefaults.sourceDateEpoch().seconds();
    InstallResult done = Installer.install(root, Environments.installRequest(env, envs.fetch(env), epoch));
    done.notes().forEach(n -> options.reporter().warn(n));
    env.resolution().transactionLines().forEach(options.out()::println);
    options.out().flush();
    return ExitStatus.OK.code();
  }
}
