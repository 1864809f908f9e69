package dev.pkgbuild.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A step pkgbuild performs itself on the host ({@code fetch}, {@code git-checkout}), its
 * {@code with:} values checked and typed once, when the recipe is compiled. Paths are absolute
 * and normalized, as seen inside the build environment.
 */
public sealed interface HostStep {
  /**
   * melange's {@code fetch}.
   *
   * @param uri http(s) or file URL, or a local path
   * @param algorithm {@code sha256} or {@code sha512}
   * @param digest the expected digest, lower-case hex of the algorithm's length
   * @param directory where to extract
   * @param extract whether to unpack the archive
   * @param stripComponents leading path components dropped from each entry, 0 or more
   * @param delete whether to remove the download after extracting
   */
  record Fetch(String uri, String algorithm, String digest, String directory, boolean extract, int stripComponents,
      boolean delete) implements HostStep {
    /** Checks the parts that cannot be null. */
    public Fetch {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(directory, "directory");
    }
  }

  /**
   * melange's {@code git-checkout}.
   *
   * @param repository the repository as the recipe names it
   * @param tag tag to check out, or null
   * @param branch branch to check out, or null (never both)
   * @param expectedCommit full lower-case commit id, or null
   * @param depth clone depth: 0 for melange's default ({@code unset}), -1 for the whole history
   * @param destination where the work tree goes
   * @param recurseSubmodules whether to check out submodules
   * @param cherryPicks {@code [branch/]commit: comment} lines, comments and blank lines dropped
   */
  record Git(String repository, String tag, String branch, String expectedCommit, int depth, String destination,
      boolean recurseSubmodules, List<String> cherryPicks) implements HostStep {
    /** Copies the list. */
    public Git {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(destination, "destination");
      cherryPicks = List.copyOf(cherryPicks);
    }
  }
}
