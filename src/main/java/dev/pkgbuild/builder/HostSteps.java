package dev.pkgbuild.builder;

import dev.pkgbuild.diag.PkgbuildException;
import dev.pkgbuild.pipeline.HostStep;
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
import java.util.List;
import java.util.function.Consumer;

/**
 * The steps pkgbuild performs itself on the host, so that sandboxed steps never need the
 * network: {@code fetch} (downloaded before any step runs) and {@code git-checkout}.
 */
final class HostSteps {
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
    return step.host() != null;
  }

  /** Downloads (or finds in the cache) every fetch source, before any step runs. */
  void prefetch(List<Step> steps) throws PkgbuildException {
    for (Step s : steps) {
      if (s.host() instanceof HostStep.Fetch f) {
        fetcher.fetch(Fetcher.toUri(f.uri()), checksum(f));
      }
      prefetch(s.children());
    }
  }

  void run(Step step, Consumer<String> out) throws PkgbuildException {
    if (step.host() instanceof HostStep.Fetch fetch) {
      FetchStep f = new FetchStep(fetch.uri(), checksum(fetch), inWorkspace(step, fetch.directory()), fetch.extract(),
          fetch.stripComponents(), fetch.delete());
      out.accept("fetch " + f.uri() + " (" + f.checksum() + ") into " + f.directory());
      f.run(fetcher, workspace, SafeExtractor.DEFAULT_MAX_BYTES);
      boolean sha512 = f.checksum().algorithm().equals("sha512");
      sources.add(SbomInput.Source.fetch(f.uri(), sha512 ? "" : f.checksum().hex(), sha512 ? f.checksum().hex() : ""));
    } else if (step.host() instanceof HostStep.Git git) {
      GitRequest g = gitRequest(git, inWorkspace(step, git.destination()));
      out.accept("git-checkout " + g.repository() + " " + (g.tag() != null ? "tag " + g.tag()
          : g.branch() != null ? "branch " + g.branch() : "default branch"));
      GitCheckout.Result r = GitCheckout.checkout(g);
      out.accept("checked out " + r.commit());
      // The repository as the recipe names it: a host path would make the SBOM differ per machine.
      sources.add(SbomInput.Source.git(git.repository(), r.commit()));
    }
  }

  /** What the build was made from, in the order the steps ran, for the SBOM. */
  List<SbomInput.Source> sources() {
    return List.copyOf(sources);
  }

  private GitRequest gitRequest(HostStep.Git g, String destination) {
    return new GitRequest(repository(g.repository()), g.tag(), g.branch(), g.expectedCommit(), g.depth(),
        workspace.resolve(destination).normalize(), g.recurseSubmodules(), g.cherryPicks(), sourceDateEpoch);
  }

  /** A path of the build environment as a path in the workspace, which holds all of /home/build. */
  private static String inWorkspace(Step step, String path) throws PkgbuildException {
    if (path.equals(StepScript.HOME)) {
      return ".";
    }
    if (!path.startsWith(StepScript.HOME + "/")) {
      throw PkgbuildException.badInput(step.pos() + ": source steps run on the host and must write under "
          + StepScript.HOME + ", not " + path);
    }
    return path.substring(StepScript.HOME.length() + 1);
  }

  /** A relative local repository path is taken from the recipe's source dir, so examples work offline. */
  private String repository(String repo) {
    if (repo.contains("://") || repo.startsWith("/") || sourceDir == null) {
      return repo;
    }
    Path local = sourceDir.resolve(repo).normalize();
    return Files.exists(local) ? local.toString() : repo;
  }

  /** The compiler checked the digest; the record checks its own invariant. */
  private static Checksum checksum(HostStep.Fetch f) {
    return new Checksum(f.algorithm(), f.digest());
  }
}
