package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.Step;
import dev.pkgbuild.sbom.SbomInput;
import dev.pkgbuild.source.Checksum;
import dev.pkgbuild.source.FetchStep;
import dev.pkgbuild.source.Fetcher;
import dev.pkgbuild.source.GitCheckout;
import dev.pkgbuild.source.GitRequest;
import dev.pkgbuild.source.SafeExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The steps pkgbuild performs itself on the host, so that sandboxed steps never need the
 * network: {@code fetch} (downloaded before any step runs) and {@code git-checkout}.
 */
final class HostSteps {
  static final String FETCH = "fetch";
  static final String GIT_CHECKOUT = "git-checkout";

  private final Fetcher fetcher;
  private final Path workspace;
  private final Path sourceDir;
  private final long sourceDateEpoch;
  private final List<SbomInput.Source> sources = new ArrayList<>();

  HostSteps(Fetcher fetcher, Path workspace, Path sourceDir, long sourceDateEpoch) {
    this.fetcher = fetcher;
    this.workspace = workspace;
    this.sourceDir = sourceDir;
    this.sourceDateEpoch = sourceDateEpoch;
  }

  boolean handles(Step step) {
    return FETCH.equals(step.uses()) || GIT_CHECKOUT.equals(step.uses());
  }

  /** Downloads (or finds in the cache) every fetch source, before any step runs. */
  void prefetch(List<Step> steps) throws PkgbuildException {
    for (Step s : steps) {
      if (FETCH.equals(s.uses())) {
        fetcher.fetch(Fetcher.toUri(s.with().get("uri")), checksum(s));
      }
      prefetch(s.children());
    }
  }

  void run(Step step, Consumer<String> out) throws PkgbuildException {
    if (FETCH.equals(step.uses())) {
      FetchStep f = new FetchStep(step.with().get("uri"), checksum(step),
          relative(step, step.with().getOrDefault("directory", ".")), bool(step, "extract", true),
          number(step, "strip-components", 1), bool(step, "delete", false));
      out.accept("fetch " + f.uri() + " (" + f.checksum() + ") into " + f.directory());
      f.run(fetcher, workspace, SafeExtractor.DEFAULT_MAX_BYTES);
      boolean sha512 = f.checksum().algorithm().equals("sha512");
      sources.add(SbomInput.Source.fetch(f.uri(), sha512 ? "" : f.checksum().hex(), sha512 ? f.checksum().hex() : ""));
    } else {
      GitRequest g = gitRequest(step);
      out.accept("git-checkout " + g.repository() + " " + (g.tag() != null ? "tag " + g.tag()
          : g.branch() != null ? "branch " + g.branch() : "default branch"));
      GitCheckout.Result r = GitCheckout.checkout(g);
      out.accept("checked out " + r.commit());
      sources.add(SbomInput.Source.git(recipeRepository(step), r.commit()));
    }
  }

  /** What the build was made from, in the order the steps ran, for the SBOM. */
  List<SbomInput.Source> sources() {
    return List.copyOf(sources);
  }

  /** The repository as the recipe names it: a host path would make the SBOM differ per machine. */
  private static String recipeRepository(Step step) {
    return step.with().get("repository");
  }

  private GitRequest gitRequest(Step s) throws PkgbuildException {
    String dest = relative(s, s.with().getOrDefault("destination", "."));
    List<String> picks = Arrays.stream(s.with().getOrDefault("cherry-picks", "").split("\n"))
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    return new GitRequest(repository(s.with().get("repository")), s.with().get("tag"), s.with().get("branch"),
        s.with().get("expected-commit"), number(s, "depth", 0), workspace.resolve(dest).normalize(),
        bool(s, "recurse-submodules", false), picks, sourceDateEpoch);
  }

  /** A relative local repository path is taken from the recipe's source dir, so examples work offline. */
  private String repository(String repo) {
    if (repo == null || repo.contains("://") || repo.startsWith("/") || sourceDir == null) {
      return repo;
    }
    Path local = sourceDir.resolve(repo).normalize();
    return Files.exists(local) ? local.toString() : repo;
  }

  static Checksum checksum(Step s) throws PkgbuildException {
    String sha512 = s.with().getOrDefault("expected-sha512", "");
    String sha256 = s.with().getOrDefault("expected-sha256", "");
    if (!sha512.isBlank()) {
      return Checksum.parse("sha512", sha512.strip());
    }
    if (!sha256.isBlank()) {
      return Checksum.parse("sha256", sha256.strip());
    }
    throw PkgbuildException.badInput(s.pos() + ": fetch of " + s.with().get("uri")
        + " needs expected-sha256 or expected-sha512");
  }

  private static boolean bool(Step s, String key, boolean dflt) {
    String v = s.with().get(key);
    return v == null || v.isBlank() ? dflt : Boolean.parseBoolean(v.strip());
  }

  private static int number(Step s, String key, int dflt) throws PkgbuildException {
    String v = s.with().get(key);
    // melange's git-checkout declares depth with the default "unset".
    if (v == null || v.isBlank() || v.strip().equals("unset")) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw PkgbuildException.badInput(s.pos() + ": " + key + " must be a whole number, got '" + v + "'");
    }
  }

  /** A path relative to the workspace: the step's working directory joined with {@code sub}. */
  private static String relative(Step step, String sub) throws PkgbuildException {
    String wd = StepScript.workdir(step.workingDirectory());
    if (!wd.equals(StepScript.HOME) && !wd.startsWith(StepScript.HOME + "/")) {
      throw PkgbuildException.badInput(step.pos() + ": source steps must work under " + StepScript.HOME
          + ", not " + wd);
    }
    String base = wd.equals(StepScript.HOME) ? "." : wd.substring(StepScript.HOME.length() + 1);
    Path p = Path.of(base).resolve(sub).normalize();
    if (p.isAbsolute() || p.startsWith("..")) {
      throw PkgbuildException.badInput(step.pos() + ": '" + sub + "' leaves the workspace");
    }
    return p.toString().isEmpty() ? "." : p.toString();
  }
}
