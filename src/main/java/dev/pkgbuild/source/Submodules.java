package dev.pkgbuild.source;

import dev.pkgbuild.diag.PkgbuildException;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;

/** {@code recurse-submodules}: one level, each at the commit its parent records. */
final class Submodules {
  private Submodules() {}

  static void update(Git git, String repository) throws GitAPIException, PkgbuildException {
    git.submoduleInit().call();
    StoredConfig config = git.getRepository().getConfig();
    boolean remote = isRemote(repository);
    for (String name : config.getSubsections("submodule")) {
      String url = config.getString("submodule", name, "url");
      // A remote repository must not pull files from this host into the build (git's
      // protocol.file.allow=user rule, for the same reason).
      if (remote && (url == null || !isRemote(url))) {
        throw PkgbuildException.badInput("git-checkout of " + repository + ": submodule '" + name
            + "' has the non-network url '" + url + "', refused for a remote repository");
      }
    }
    git.submoduleUpdate().call();
  }

  private static boolean isRemote(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return u.startsWith("https://") || u.startsWith("http://") || u.startsWith("git://") || u.startsWith("ssh://");
  }
}
