package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The inputs of melange's {@code git-checkout}, already substituted.
 *
 * @param repository https or file URL, or a local path
 * @param tag tag to check out, or null
 * @param branch branch to check out, or null (with neither, the default branch)
 * @param expectedCommit full commit id that must be checked out, or null; for a tag the
 *     annotated tag object id is accepted too
 * @param depth clone depth; 0 for melange's default (1, or the full history when a
 *     branch and an expected commit are both given), -1 for the full history (as in melange)
 * @param destination where the files end up (created; may already hold files)
 * @param recurseSubmodules whether to check out submodules at their recorded commits
 * @param cherryPicks {@code [branch/]sha: comment} lines applied in order
 * @param sourceDateEpoch seconds; the committer time of cherry-picked commits (floored at 1980)
 */
public record GitRequest(String repository, String tag, String branch, String expectedCommit,
    int depth, Path destination, boolean recurseSubmodules, List<String> cherryPicks, long sourceDateEpoch) {
  private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{40}");

  public GitRequest {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(destination, "destination");
    tag = blankToNull(tag);
    branch = blankToNull(branch);
    expectedCommit = blankToNull(expectedCommit);
    cherryPicks = List.copyOf(cherryPicks);
  }

  /** A plain checkout of {@code ref} kinds left empty. */
  public static GitRequest of(String repository, Path destination) {
    return new GitRequest(repository, null, null, null, 0, destination, false, List.of(), 0);
  }

  /** Checks the inputs that do not need the repository. */
  void validate() throws PkgbuildException {
    if (repository.isBlank()) {
      throw PkgbuildException.badInput("git-checkout: repository is empty");
    }
    if (tag != null && branch != null) {
      throw PkgbuildException.badInput("git-checkout of " + repository + ": set tag or branch, not both");
    }
    if (expectedCommit != null && !FULL_ID.matcher(expectedCommit).matches()) {
      throw PkgbuildException.badInput("git-checkout of " + repository
          + ": expected-commit must be a full 40-digit lower-case commit id, got '" + expectedCommit + "'");
    }
    if (depth < -1) {
      throw PkgbuildException.badInput("git-checkout of " + repository + ": depth must be -1 or more, got " + depth);
    }
  }

  /** The depth to clone with; 0 means the whole history. */
  int effectiveDepth() {
    if (depth != 0) {
      return Math.max(depth, 0);
    }
    return expectedCommit != null && tag == null ? 0 : 1;
  }

  static boolean isFullId(String s) {
    return FULL_ID.matcher(s).matches();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
