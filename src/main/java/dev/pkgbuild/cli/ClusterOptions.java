package dev.pkgbuild.cli;

import dev.pkgbuild.builder.Hosts;
import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.recipe.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code plan --emit} flags: what the emitted Kubernetes tasks run, where they publish and
 * how their packages get signed.
 *
 * @param emit argo or jobs
 * @param image the pkgbuild container image
 * @param repository what every task reads (-r) and publishes to (--out-dir), as seen in the pod
 * @param credentials the Secret whose keys become the tasks' environment, or null
 * @param signing where the signing key comes from
 * @param signingSecret the Secret holding the one *.rsa key every task signs with
 * @param releaseSecret the Secret holding the key the final task re-signs the index with
 * @param claim the PersistentVolumeClaim mounted at a path repository, or null
 * @param arch the plan's architecture: the tasks build for it, on nodes of it
 * @param forwarded the plan's build flags every task passes on ({@code --pipeline-dir}, {@code -r}...)
 */
record ClusterOptions(String emit, String image, String repository, String credentials, Signing signing,
    String signingSecret, String releaseSecret, String claim, Arch arch, List<String> forwarded) {
  /** A placeholder: no image is published yet, so users pass their own with --image. */
  static final String DEFAULT_IMAGE = "ghcr.io/pkgbuild/pkgbuild:latest";
  /** Where the recipe tree sits in the image; recipe paths are relative to it. */
  static final String WORKDIR = "/src";
  /** Where the signing Secret is mounted; the build takes its one key (--keys-dir). */
  static final String KEYS = "/keys";
  /** The final task's working folder; the release Secret is its keys/ folder, found by default. */
  static final String RELEASE = "/release";

  /** Each task signs with the shared key, or with a staging key and a final task re-signs the index. */
  enum Signing { SECRET, FINAL }

  static void declare(CommandSpec spec) {
    Flags.value(spec, String.class, "KIND", null, "Write the plan as Kubernetes manifests instead: argo (an Argo "
        + "Workflows Workflow) or jobs (plain Jobs in waves).", "--emit");
    Flags.value(spec, String.class, "IMAGE", DEFAULT_IMAGE, "pkgbuild container image holding the recipe tree "
        + "at " + WORKDIR + " (default: ${DEFAULT-VALUE}, a placeholder).", "--image");
    Flags.value(spec, String.class, "URL", null, "Repository the tasks read and publish to (default: --out-dir, "
        + "under " + WORKDIR + ").", "--repository-url");
    Flags.value(spec, String.class, "NAME", null, "Secret whose keys the tasks get as environment "
        + "(repository credentials).", "--secret");
    Flags.value(spec, String.class, "MODE", "secret", "secret: every task signs with the key in --signing-secret; "
        + "final: that key only stages and a last task re-signs the index with --release-secret "
        + "(default: ${DEFAULT-VALUE}).", "--signing");
    Flags.value(spec, String.class, "NAME", "pkgbuild-signing-key", "Secret holding one *.rsa key (and its .pub) "
        + "the tasks sign with (default: ${DEFAULT-VALUE}).", "--signing-secret");
    Flags.value(spec, String.class, "NAME", "pkgbuild-release-key", "Secret holding the key the final task signs "
        + "the index with, for --signing final (default: ${DEFAULT-VALUE}).", "--release-secret");
    Flags.value(spec, String.class, "NAME", null, "PersistentVolumeClaim mounted at a path repository.",
        "--volume-claim");
  }

  ClusterOptions {
    forwarded = List.copyOf(forwarded);
  }

  /** The flags, or null when --emit is not given. @throws PkgbuildException for a bad value */
  static ClusterOptions of(CommandSpec spec, BuildOptions build) throws PkgbuildException {
    String emit = Flags.get(spec, "--emit");
    if (emit == null) {
      return null;
    }
    if (!emit.equals("argo") && !emit.equals("jobs")) {
      throw PkgbuildException.badInput("--emit takes 'argo' or 'jobs', got '" + emit + "'");
    }
    String mode = Flags.get(spec, "--signing");
    if (!mode.equals("secret") && !mode.equals("final")) {
      throw PkgbuildException.badInput("--signing takes 'secret' or 'final', got '" + mode + "'");
    }
    String given = Flags.get(spec, "--repository-url");
    String repository = inPod(given != null ? given : build.out);
    Signing signing = Signing.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    if (signing == Signing.FINAL && isUrl(repository)) {
      throw PkgbuildException.badInput("--signing final re-signs the index with 'pkgbuild index', which needs a "
          + "repository path, got '" + repository + "'");
    }
    return new ClusterOptions(emit, Flags.get(spec, "--image"), repository, Flags.get(spec, "--secret"), signing,
        Flags.get(spec, "--signing-secret"), Flags.get(spec, "--release-secret"), Flags.get(spec, "--volume-claim"),
        Hosts.arch(build.arch), forwarded(build));
  }

  /**
   * The build flags of the plan that shape each recipe's build, as the pods see them: paths
   * relative to the tree's root ({@link #inTree}), URLs as they are.
   */
  static List<String> forwarded(BuildOptions build) {
    List<String> out = new ArrayList<>();
    for (Path p : orEmpty(build.pipelineDirs)) {
      out.addAll(List.of("--pipeline-dir", inTree(p)));
    }
    for (Path p : orEmpty(build.envFiles)) {
      out.addAll(List.of("--env-file", inTree(p)));
    }
    for (String r : build.environment.repositories) {
      out.addAll(List.of("-r", isUrl(r) || r.startsWith("@") ? r : inTree(Path.of(r))));
    }
    for (String k : build.environment.keyring) {
      out.addAll(List.of("-k", isUrl(k) ? k : inTree(Path.of(k))));
    }
    if (!build.environment.packages.isEmpty()) {
      out.addAll(List.of("--package-append", String.join(",", build.environment.packages)));
    }
    if (build.namespace != null) {
      out.addAll(List.of("--namespace", build.namespace));
    }
    if (build.environment.allowUntrusted) {
      out.add("--allow-untrusted");
    }
    if (build.skipTests) {
      out.add("--skip-tests");
    }
    out.addAll(build.environment.s3.args());
    return out;
  }

  /**
   * {@code file} as a pod sees it: relative to the folder {@code plan} runs in, which is the
   * tree's root and the pods' working folder; a file outside it keeps its absolute path.
   */
  static String inTree(Path file) {
    Path here = Path.of("").toAbsolutePath();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(here) ? here.relativize(abs).toString() : abs.toString();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** Whether the repository is a path the pods see (and a claim can be mounted at). */
  boolean isPath() {
    return !isUrl(repository);
  }

  private static boolean isUrl(String repository) {
    return repository.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  // relative paths are relative to the tree in the image, which is the pods' working folder
  private static String inPod(String repository) {
    if (isUrl(repository) || repository.startsWith("/")) {
      return repository;
    }
    return Path.of(WORKDIR).resolve(repository).normalize().toString();
  }
}
