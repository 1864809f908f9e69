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
    for (String name : config.getSubsections("submodule")) {
      checkUrl(repository, name, config.getString("submodule", name, "url"));
    }
    git.submoduleUpdate().call();
  }

  /**
   * A remote repository must not pull files from this host into the build: its
   * submodules must be remote too (git's protocol.file.allow=user rule, same reason).
   */
  static void checkUrl(String repository, String name, String url) throws PkgbuildException {
    if (isRemote(repository) && (url == null || !isRemote(url))) {
      throw PkgbuildException.badInput("git-checkout of " + repository + ": submodule '" + name
          + "' has the non-network url '" + url + "', refused for a remote repository");
    }
  }

  private static boolean isRemote(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return u.startsWith("https://") || u.startsWith("http://") || u.startsWith("git://") || u.startsWith("ssh://");
  }
}
