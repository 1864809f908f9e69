package dev.pkgbuild.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Makes commits with fixed identities and times in a test repository. */
final class GitFixtures {
  private final Git git;
  private final Path root;
  private long time = 1_600_000_000L;

  GitFixtures(Git git) {
    this.git = git;
    this.root = git.getRepository().getWorkTree().toPath();
  }

  PersonIdent ident() {
    return new PersonIdent("Test Author", "author@example.org", Instant.ofEpochSecond(time), ZoneOffset.UTC);
  }

  void exec(String name, String content) throws Exception {
    Path f = Files.writeString(root.resolve(name), content);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    git.add().addFilepattern(name).call();
  }

  RevCommit commit(String message, String name, String content) throws Exception {
    Files.createDirectories(root.resolve(name).getParent());
    Files.writeString(root.resolve(name), content);
    git.add().addFilepattern(name).call();
    time += 60;
    return git.commit().setMessage(message).setAuthor(ident()).setCommitter(ident()).setSign(false).call();
  }
}
