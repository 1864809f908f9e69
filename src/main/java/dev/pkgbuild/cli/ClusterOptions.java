package dev.pkgbuild.cli;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
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
 */
record ClusterOptions(String emit, String image, String repository, String credentials, Signing signing,
    String signingSecret, String releaseSecret, String claim) {
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

  /** The flags, or null when --emit is not given. @throws PkgbuildException for a bad value */
  static ClusterOptions of(CommandSpec spec, Path outDir) throws PkgbuildException {
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
    String repository = inPod(given != null ? given : outDir.toString());
    Signing signing = Signing.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    if (signing == Signing.FINAL && isUrl(repository)) {
      throw PkgbuildException.badInput("--signing final re-signs the index with 'pkgbuild index', which needs a "
          + "repository path, got '" + repository + "'");
    }
    return new ClusterOptions(emit, Flags.get(spec, "--image"), repository, Flags.get(spec, "--secret"), signing,
        Flags.get(spec, "--signing-secret"), Flags.get(spec, "--release-secret"), Flags.get(spec, "--volume-claim"));
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
