package dev.pkgbuild.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The committer time of the last commit that touched a file: Wolfi's SOURCE_DATE_EPOCH. */
public final class GitCommitTime {
  private GitCommitTime() {}

  /** Seconds since the epoch, or empty when the file is not in a git work tree. */
  public static Optional<Long> of(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(abs.getParent().toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try (var repo = builder.build(); Git git = new Git(repo)) {
      Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      String rel = top.relativize(abs).toString().replace('\\', '/');
      for (RevCommit c : git.log().addPath(rel).setMaxCount(1).call()) {
        return Optional.of((long) c.getCommitTime());
      }
      return Optional.empty();
    } catch (IOException | GitAPIException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
