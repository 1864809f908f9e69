package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.CherryPickResult;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The {@code cherry-picks} input: {@code [branch/]sha: comment} lines, each applied and
 * committed with a fixed committer at SOURCE_DATE_EPOCH so the result is reproducible.
 */
final class CherryPicks {
  /** 1980-01-01T00:00:00Z: zip and some tools cannot represent older times. */
  static final long FLOOR = 315_532_800L;

  record Pick(String branch, String commit, String comment) {}

  private CherryPicks() {}

  /** Parses the lines; blank lines and {@code #} comments are skipped. */
  static List<Pick> parse(String repository, List<String> lines) throws PkgbuildException {
    List<Pick> picks = new ArrayList<>();
    for (String raw : lines) {
      for (String line : raw.split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          picks.add(parseLine(repository, l));
        }
      }
    }
    return picks;
  }

  private static Pick parseLine(String repository, String line) throws PkgbuildException {
    int colon = line.indexOf(':');
    String ref = colon < 0 ? line : line.substring(0, colon).strip();
    String comment = colon < 0 ? "" : line.substring(colon + 1).strip();
    int slash = ref.lastIndexOf('/');
    String branch = slash < 0 ? null : ref.substring(0, slash);
    String commit = ref.substring(slash + 1);
    if (!GitRequest.isFullId(commit) || comment.isEmpty()) {
      throw PkgbuildException.badInput("git-checkout of " + repository + ": bad cherry-pick line '" + line
          + "' (want [branch/]<40-digit commit>: comment)");
    }
    return new Pick(branch, commit, comment);
  }

  /** Applies each pick on top of HEAD. */
  static void apply(Git git, String repository, List<Pick> picks, long sourceDateEpoch)
      throws PkgbuildException, GitAPIException, IOException {
    PersonIdent committer = new PersonIdent("pkgbuild", "pkgbuild@localhost",
        Instant.ofEpochSecond(Math.max(sourceDateEpoch, FLOOR)), ZoneOffset.UTC);
    for (Pick p : picks) {
      if (p.branch() != null) {
        git.fetch().setRemote("origin")
            .setRefSpecs(new RefSpec("+refs/heads/" + p.branch() + ":refs/remotes/origin/" + p.branch())).call();
      }
      RevCommit commit = find(git, repository, p);
      CherryPickResult result = git.cherryPick().include(commit).setNoCommit(true).call();
      if (result.getStatus() != CherryPickResult.CherryPickStatus.OK) {
        throw PkgbuildException.failed("git-checkout of " + repository + ": cherry-pick " + p.commit()
            + " (" + p.comment() + ") does not apply: " + result.getStatus().name().toLowerCase(java.util.Locale.ROOT)
            + (result.getFailingPaths() == null ? "" : " " + result.getFailingPaths().keySet()));
      }
      git.commit().setAuthor(commit.getAuthorIdent()).setCommitter(committer).setSign(false)
          .setMessage(commit.getFullMessage() + "\n(cherry picked from commit " + p.commit() + ")\n").call();
    }
  }

  private static RevCommit find(Git git, String repository, Pick p) throws PkgbuildException, IOException {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(ObjectId.fromString(p.commit()));
    } catch (org.eclipse.jgit.errors.MissingObjectException e) {
      throw PkgbuildException.badInput("git-checkout of " + repository + ": cherry-pick " + p.commit()
          + " not found" + (p.branch() == null ? "" : " on branch '" + p.branch() + "'"));
    }
  }
}
