package dev.pkgbuild.builder;

import dev.pkgbuild.apk.IndexEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A tree build: the recipes, the options every build shares, and how to schedule.
 *
 * @param recipes recipe files and folders
 * @param template options shared by every build (its recipe field is ignored)
 * @param jobs builds at once
 * @param failFast stop starting builds after the first failure
 * @param rebuildChanged rebuild recipes that changed without a version bump instead of failing
 * @param forced recipes to build even when present
 * @param repositories existing repositories ({@code -r}) whose packages can serve what no recipe
 *     of the tree can be built before
 * @param published what the output repository holds where its files are not local (object
 *     storage, whose index lists only uploaded packages): present, not to be built again
 */
public record TreeRequest(List<Path> recipes, BuildRequest template, int jobs, boolean failFast,
    boolean rebuildChanged, Set<String> forced, List<Path> repositories, List<IndexEntry> published) {
  public TreeRequest {
    recipes = List.copyOf(recipes);
    forced = Set.copyOf(forced);
    repositories = List.copyOf(repositories);
    published = List.copyOf(published);
  }

  public TreeRequest(List<Path> recipes, BuildRequest template, int jobs, boolean failFast, boolean rebuildChanged,
      Set<String> forced, List<Path> repositories) {
    this(recipes, template, jobs, failFast, rebuildChanged, forced, repositories, List.of());
  }

  /** This request with {@code entries} published in the output repository. */
  public TreeRequest withPublished(List<IndexEntry> entries) {
    return new TreeRequest(recipes, template, jobs, failFast, rebuildChanged, forced, repositories, entries);
  }

  /** The request for one recipe of the tree. */
  BuildRequest forRecipe(Path recipe, Path signingKey) {
    BuildRequest t = template;
    return new BuildRequest(recipe, t.arch(), t.outDir(), signingKey, t.keysDir(), null, t.pipelineDirs(),
        t.cacheDir(), t.envFiles(), t.namespace(), t.runner(), t.tempRoot(), t.keepWorkspace(), false,
        t.offline(), t.sourceDateEpoch(), t.environment(), t.skipTests(), t.inputs());
  }
}
