package dev.pkgbuild.sbom;

import java.util.List;
import java.util.Objects;

/**
 * Everything one package's SBOM says, as plain values the build collects.
 *
 * @param name package name
 * @param version package version without epoch
 * @param epoch package epoch
 * @param arch APK architecture, e.g. {@code x86_64}
 * @param namespace distribution namespace (supplier, purl namespace); {@code unknown} when unset
 * @param licenses the recipe's {@code copyright} licenses, combined with AND
 * @param sources what the build fetched or checked out
 * @param recipe the recipe file
 * @param steps the pipeline steps that ran, nested ones inside their parents
 * @param environment the runner and host packages
 * @param sourceDateEpoch seconds since 1970, the document's creation time
 * @param toolVersion pkgbuild's version, named in the creators
 */
public record SbomInput(String name, String version, int epoch, String arch, String namespace,
    List<String> licenses, List<Source> sources, RecipeFile recipe, List<PipelineStep> steps,
    BuildEnvironment environment, long sourceDateEpoch, String toolVersion) {
  public SbomInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(environment, "environment");
    licenses = List.copyOf(licenses);
    sources = List.copyOf(sources);
    steps = List.copyOf(steps);
  }

  /** {@code version-rEPOCH}. */
  public String fullVersion() {
    return version + "-r" + epoch;
  }

  /** Where the build puts the document inside the package, relative to the staging folder. */
  public String pathInPackage() {
    return "var/lib/db/sbom/" + name + "-" + fullVersion() + ".spdx.json";
  }

  /**
   * A source the package was built from.
   *
   * @param git true for a git checkout, false for a fetched file
   * @param location download URL, or repository URL for git
   * @param sha256 expected SHA-256 of a fetched file, or empty
   * @param sha512 expected SHA-512 of a fetched file, or empty
   * @param commit the checked-out commit for git, or empty
   */
  public record Source(boolean git, String location, String sha256, String sha512, String commit) {
    public Source {
      Objects.requireNonNull(location, "location");
      sha256 = sha256 == null ? "" : sha256;
      sha512 = sha512 == null ? "" : sha512;
      commit = commit == null ? "" : commit;
    }

    /** A file from the {@code fetch} pipeline. */
    public static Source fetch(String url, String sha256, String sha512) {
      return new Source(false, url, sha256, sha512, "");
    }

    /** A {@code git-checkout} at a commit. */
    public static Source git(String repository, String commit) {
      return new Source(true, repository, "", "", commit);
    }
  }

  /**
   * The recipe file.
   *
   * @param path path as given to the build
   * @param sha256 hex SHA-256 of its bytes
   */
  public record RecipeFile(String path, String sha256) {}

  /**
   * One pipeline step that ran.
   *
   * @param id position in the pipeline, e.g. {@code 3} or {@code 3.1} for a nested step
   * @param uses the pipeline it uses, or empty for an inline {@code runs:}
   * @param name its {@code name:}, or empty
   * @param steps the steps nested in it
   */
  public record PipelineStep(String id, String uses, String name, List<PipelineStep> steps) {
    public PipelineStep {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Where the build ran, and what its tests ran with.
   *
   * @param runner e.g. {@code bubblewrap}
   * @param packages with {@code installed}, the {@code name-version} of each package of the installed
   *     build root; else the host packages assumed for {@code environment.contents.packages}
   * @param installed whether the build ran in a root installed from repositories
   * @param tested {@code name-version} of each package of the test environment that passed (empty: no test)
   */
  public record BuildEnvironment(String runner, List<String> packages, boolean installed, List<String> tested) {
    public BuildEnvironment {
      packages = List.copyOf(packages);
      tested = List.copyOf(tested);
    }

    /** A build on the host toolchain, untested. */
    public BuildEnvironment(String runner, List<String> packages) {
      this(runner, packages, false, List.of());
    }

    /** This environment with the test environment that passed. */
    public BuildEnvironment withTested(List<String> testPackages) {
      return new BuildEnvironment(runner, packages, installed, testPackages);
    }
  }

  /** This input with {@code environment} instead. */
  public SbomInput with(BuildEnvironment env) {
    return new SbomInput(name, version, epoch, arch, namespace, licenses, sources, recipe, steps, env,
        sourceDateEpoch, toolVersion);
  }
}
