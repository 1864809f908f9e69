package dev.pkgbuild.source;

import dev.pkgbuild.diag.ExitStatus;
import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * melange's {@code git-checkout} with JGit, on the host: clone (shallow unless history
 * is needed), check the expected commit, apply cherry-picks, then move the work tree,
 * {@code .git} included so builds may run {@code git describe}, into the destination.
 */
public final class GitCheckout {
  /** What was checked out: the commit the recipe asked for, and HEAD after cherry-picks. */
  public record Result(String commit, String head) {}

  private GitCheckout() {}

  /**
   * Checks out {@code req} into its destination.
   *
   * @throws PkgbuildException naming the repository: unreachable, missing tag or branch,
   *     wrong expected commit, a cherry-pick that does not apply
   */
  public static Result checkout(GitRequest req) throws PkgbuildException {
    req.validate();
    List<CherryPicks.Pick> picks = CherryPicks.parse(req.repository(), req.cherryPicks());
    Path clone;
    try {
      Files.createDirectories(req.destination());
      clone = Files.createTempDirectory(req.destination(), ".pkgbuild-git-");
    } catch (IOException e) {
      throw PkgbuildException.environment("git-checkout: cannot create " + req.destination() + ": " + e.getMessage());
    }
    try {
      Result result = cloneAndCheckout(req, picks, clone);
      TreeMove.mergeInto(clone, req.destination());
      return result;
    } catch (IOException e) {
      throw new PkgbuildException(ExitStatus.ENVIRONMENT, "git-checkout of " + req.repository() + ": " + e.getMessage(), e);
    } finally {
      TreeMove.deleteQuietly(clone);
    }
  }

  private static Result cloneAndCheckout(GitRequest req, List<CherryPicks.Pick> picks, Path clone)
      throws PkgbuildException, IOException {
    try (Git git = cloneInto(req, clone)) {
      ObjectId commit = resolve(git.getRepository(), req);
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
      if (req.recurseSubmodules()) {
        Submodules.update(git, req.repository());
      }
      CherryPicks.apply(git, req.repository(), picks, req.sourceDateEpoch());
      return new Result(commit.name(), git.getRepository().resolve(Constants.HEAD).name());
    } catch (GitAPIException | JGitInternalException e) {
      throw new PkgbuildException(ExitStatus.FAILED, "git-checkout of " + req.repository() + ": " + e.getMessage(), e);
    }
  }

  private static Git cloneInto(GitRequest req, Path clone) throws PkgbuildException, IOException {
    CloneCommand cmd = Git.cloneRepository().setURI(req.repository()).setDirectory(clone.toFile())
        .setNoCheckout(true).setCloneSubmodules(false);
    if (req.tag() != null) {
      cmd.setBranchesToClone(List.of(Constants.R_TAGS + req.tag())).setBranch(Constants.R_TAGS + req.tag());
    } else if (req.branch() != null) {
      cmd.setBranchesToClone(List.of(Constants.R_HEADS + req.branch())).setBranch(req.branch());
    }
    if (req.effectiveDepth() > 0) {
      cmd.setDepth(req.effectiveDepth());
    }
    try {
      Git git = cmd.call();
      pinCheckoutConfig(git.getRepository());
      return git;
    } catch (InvalidRemoteException | TransportException e) {
      missingRef(req);
      throw new PkgbuildException(ExitStatus.ENVIRONMENT, "git-checkout: cannot clone " + req.repository() + ": " + e.getMessage(), e);
    } catch (GitAPIException | JGitInternalException e) {
      throw new PkgbuildException(ExitStatus.FAILED, "git-checkout: cannot clone " + req.repository() + ": " + e.getMessage(), e);
    }
  }

  /** After a failed clone: a reachable repository that lacks the ref gets its own message. */
  private static void missingRef(GitRequest req) throws PkgbuildException {
    if (req.tag() == null && req.branch() == null) {
      return;
    }
    String ref = req.tag() != null ? Constants.R_TAGS + req.tag() : Constants.R_HEADS + req.branch();
    try {
      boolean found = Git.lsRemoteRepository().setRemote(req.repository()).call().stream()
          .anyMatch(r -> r.getName().equals(ref));
      if (!found) {
        String what = req.tag() != null ? "tag '" + req.tag() + "'" : "branch '" + req.branch() + "'";
        throw PkgbuildException.badInput("git-checkout of " + req.repository() + ": " + what + " not found");
      }
    } catch (GitAPIException | JGitInternalException e) {
      // Unreachable: the clone error says why.
    }
  }

  /** The user's git config must not change the bytes checked out (autocrlf, eol). */
  private static void pinCheckoutConfig(Repository repo) throws IOException {
    StoredConfig config = repo.getConfig();
    config.setString("core", null, "autocrlf", "false");
    config.setString("core", null, "eol", "lf");
    config.setBoolean("core", null, "symlinks", true);
    config.setBoolean("core", null, "filemode", true);
    config.save();
  }

  private static ObjectId resolve(Repository repo, GitRequest req) throws PkgbuildException, IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return req.tag() != null ? resolveTag(repo, walk, req) : resolveBranch(repo, walk, req);
    }
  }

  private static ObjectId resolveTag(Repository repo, RevWalk walk, GitRequest req)
      throws PkgbuildException, IOException {
    Ref ref = repo.exactRef(Constants.R_TAGS + req.tag());
    if (ref == null) {
      throw PkgbuildException.badInput("git-checkout of " + req.repository() + ": tag '" + req.tag() + "' not found");
    }
    ObjectId tagObject = ref.getObjectId();
    RevCommit commit = walk.parseCommit(tagObject);
    String want = req.expectedCommit();
    if (want != null && !want.equals(commit.name()) && !want.equals(tagObject.name())) {
      throw PkgbuildException.badInput("git-checkout of " + req.repository() + ": tag '" + req.tag()
          + "' is commit " + commit.name() + ", not the expected-commit " + want);
    }
    return commit;
  }

  private static ObjectId resolveBranch(Repository repo, RevWalk walk, GitRequest req)
      throws PkgbuildException, IOException {
    String what = req.branch() == null ? "the default branch" : "branch '" + req.branch() + "'";
    ObjectId tipId = repo.resolve(req.branch() == null ? Constants.HEAD : Constants.R_REMOTES + "origin/" + req.branch());
    if (tipId == null) {
      throw PkgbuildException.badInput("git-checkout of " + req.repository() + ": " + what + " not found");
    }
    RevCommit tip = walk.parseCommit(tipId);
    if (req.expectedCommit() == null) {
      return tip;
    }
    RevCommit want;
    try {
      want = walk.parseCommit(ObjectId.fromString(req.expectedCommit()));
    } catch (MissingObjectException e) {
      throw notOnBranch(req, what);
    }
    if (!walk.isMergedInto(want, tip)) {
      throw notOnBranch(req, what);
    }
    return want;
  }

  private static PkgbuildException notOnBranch(GitRequest req, String what) {
    String depth = req.effectiveDepth() > 0 ? " within depth " + req.effectiveDepth() : "";
    return PkgbuildException.badInput("git-checkout of " + req.repository() + ": expected-commit "
        + req.expectedCommit() + " is not on " + what + depth);
  }
}
