package dev.pkgbuild.cli;

import dev.pkgbuild.builder.BuildRequest;
import dev.pkgbuild.builder.BuildRoots;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.env.EnvironmentRequest;
import dev.pkgbuild.env.Environments;
import dev.pkgbuild.env.ResolvedEnvironment;
import dev.pkgbuild.builder.Hosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The operands of {@code resolve}: package atoms, or one recipe file whose environment is meant. */
final class EnvironmentNames {
  private final List<String> operands;

  static void declare(CommandSpec spec) {
    spec.addPositional(PositionalParamSpec.builder().type(List.class).auxiliaryTypes(String.class).arity("1..*")
        .paramLabel("NAME").description("Packages or atoms (foo, so:libz.so.1, 'foo>=1.2'), or one recipe file.")
        .build());
  }

  @SuppressWarnings("unchecked")
  EnvironmentNames(CommandSpec spec) {
    this.operands = List.copyOf((List<String>) spec.positionalParameters().get(0).getValue());
  }

  /** The recipe, when the one operand is a YAML file. */
  Path recipe() {
    if (operands.size() == 1 && operands.get(0).matches(".*\\.ya?ml") && Files.isRegularFile(Path.of(operands.get(0)))) {
      return Path.of(operands.get(0));
    }
    return null;
  }

  /** The repository client's steps and the resolved environment of the named packages. */
  record Resolved(Environments environments, ResolvedEnvironment environment) {}

  /** Resolves the named packages with the command line's repositories, keys, caches and appended packages. */
  Resolved resolve(BuildOptions options) throws PkgbuildException {
    BuildRequest req = options.request(Path.of("."), null, false, false);
    Environments envs = BuildRoots.environments(req, options.reporter());
    return new Resolved(envs, envs.resolve(request(options, req)));
  }

  /** The environment of the named packages, with the command line's repositories, keys and appended packages. */
  private EnvironmentRequest request(BuildOptions options, BuildRequest req) throws PkgbuildException {
    EnvironmentFlags f = options.environment;
    List<String> packages = new ArrayList<>(operands);
    packages.addAll(f.packages);
    if (f.repositories.isEmpty()) {
      throw PkgbuildException.badInput("no repositories: give at least one with -r REPO");
    }
    return new EnvironmentRequest(f.repositories, f.keyring, packages, Hosts.arch(req.arch()).apkName(),
        f.allowUntrusted);
  }
}
